/* A file over the import limit is refused in the page, with its size and the limit said next to
   the import control: sent on, it would be cut off by the server's cap on request sizes and
   nothing would be shown. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    upload: {
        checked: function (contents, filename, limit) {
            if (!contents) {
                throw window.dash_clientside.PreventUpdate;
            }
            const data = contents.slice(contents.indexOf(",") + 1);
            const padding = data.endsWith("==") ? 2 : data.endsWith("=") ? 1 : 0;
            const bytes = Math.floor(data.length / 4) * 3 - padding;
            if (bytes <= limit) {
                return [contents, window.dash_clientside.no_update, window.dash_clientside.no_update];
            }
            const mib = n => (n / 1048576).toFixed(1) + " MB";
            return [window.dash_clientside.no_update,
                    `${filename || "This file"} is ${mib(bytes)}; the largest file that can be imported is ` +
                    `${mib(limit)}. Nothing was imported.`,
                    null];
        }
    }
});
