/* Whole sessions in the recording panel (ui/callbacks_sessions.py): the question asked before a
   session is deleted is put away in the page, without a round trip, by Keep, by another session on
   show or by any save, so it never stands over a session it was not asked for. */
window.dash_clientside = Object.assign({}, window.dash_clientside, {
    sessions: {
        putAway: () => true,
    },
});
