/* The hotspot list's highlight, decided in the page: a press needs no trip to the server, and
   buttons redrawn for a new session (which Dash reports as new inputs) cost nothing. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    hotspots: {
        /* The highlight after a press: a hotspot's button turns its person on or off, "Clear
           highlight" turns it off; buttons only redrawn have no click count and change nothing. */
        toggle: function (_picks, _clear, current) {
            const press = window.dash_clientside.callback_context.triggered.find(t => t.value);
            if (!press) {
                throw window.dash_clientside.PreventUpdate;
            }
            if (!press.prop_id.startsWith("{")) {
                return null;
            }
            const person = JSON.parse(press.prop_id.slice(0, press.prop_id.lastIndexOf("}") + 1)).person;
            return person === current ? null : person;
        },
        /* Each button's aria-pressed, and "Clear highlight" shown only while someone is highlighted. */
        pressed: function (highlighted, buttons) {
            return [buttons.map(b => String(b.person === highlighted)), highlighted == null];
        },
    },
});
