/* Say it when the page cannot reach ipt-network or ipt-network fails: a lost connection or a
   server error would otherwise leave a change unsaved with nothing on screen. Watches the page's
   own requests to the app; says nothing about their content. */
(function () {
    const CALLBACKS = "/_dash-update-component";
    const LOST = "ipt-network cannot be reached, so your last change may not have been saved. " +
        "Check that ipt-network is still running, then reload the page.";
    const FAILED = "ipt-network could not finish your last request, so it may not have been saved. " +
        "Nothing else was changed; reload the page to see what is stored.";

    function say(text) {
        let banner = document.getElementById("connection-alert");
        if (!banner) {
            banner = document.createElement("div");
            banner.id = "connection-alert";
            banner.className = "alert alert-warning connection-alert";
            banner.setAttribute("role", "alert");
            document.body.prepend(banner);
        }
        banner.textContent = text;
        banner.hidden = false;
    }

    function clear() {
        const banner = document.getElementById("connection-alert");
        if (banner) {
            banner.hidden = true;
        }
    }

    const send = window.fetch.bind(window);
    window.fetch = function (resource, options) {
        const url = typeof resource === "string" ? resource : resource.url;
        if (!url.includes(CALLBACKS)) {
            return send(resource, options);
        }
        return send(resource, options).then(function (response) {
            if (response.status >= 500) {
                say(FAILED);
            } else if (response.ok) {
                clear();
            }
            return response;
        }, function (error) {
            say(LOST);
            throw error;
        });
    };
})();
