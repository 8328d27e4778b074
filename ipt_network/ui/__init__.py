"""The Dash dashboard: ``create_app(db_url, token=...)`` builds it; ``ipt-network serve``
(``server.py``) and ``app.py`` at the top serve it.

Each panel has a skeleton (``layout_*``), its callbacks and the renderers they return
(``callbacks_*``), its ids (a section of ``ids``), its styles (``assets/``) and a browser test
(``tests/browser/``). What every panel shares is in ``view``; see docs/architecture.md.

====================  ================  ======================  ==================  ================  ==================
Panel                 Layout            Callbacks               ids section         CSS               Browser test
====================  ================  ======================  ==================  ================  ==================
Shell, failure alert  layout_shell      callbacks_router        the shell           app.css           test_failures
Client list           layout_clients    callbacks_clients       client list page    app.css           test_client_list
Header, network       layout_review     callbacks_review        review page         app.css           test_review_panels
Hotspots, mood        layout_insights   callbacks_insights      network's options…  insights.css      test_review_panels
Play, timeline        layout_time       callbacks_time          time                time-compare.css  test_time
Case (focus, goals)   layout_case       callbacks_case          the case card       edit.css          test_case
Case (history, plan)  layout_case       callbacks_case_history  the case card       edit.css          test_case
Inventory (a person)  layout_inventory  callbacks_inventory     the inventory       edit.css          test_inventory
Comparison            layout_compare    callbacks_compare       comparison          time-compare.css  test_compare
Export                layout_export     callbacks_export        export              app.css           test_export
Editing               layout_edit       callbacks_edit          editing             edit.css          test_editing
Event's people, mood  layout_edit       callbacks_events        editing             edit.css          test_editing
Saves, undo, changes  layout_edit       callbacks_edit          editing             edit.css          test_saves
Start/delete session  layout_edit       callbacks_sessions      editing             edit.css          test_sessions
Typed, not saved yet  layout_edit       callbacks_unsaved       editing             edit.css          test_unsaved
Safety (cue, risk)    layout_safety     callbacks_safety        safety              edit.css          test_safety
====================  ================  ======================  ==================  ================  ==================

Beside them: ``editing``, ``case_edits``, ``inventory_edits``, ``event_edits`` and ``forms`` (from form
fields to saved records; ``forms.refill`` fills a form again without throwing away what is typed),
``courses`` and ``derived`` (the caches), ``labels`` and ``plain_words`` (the
words in both voices), ``urls``, ``upload``, ``malformed`` (400 and 404 before Dash reads a request),
``security`` (CSP, caching), ``assets/unsaved.js`` (asks before a page with unsaved typing is left),
``assets/sessions.js`` (puts the question before a deletion away without a round trip),
``door`` (the launch token, Host and Origin checks), ``server`` (waitress, the browser, the daily
backup) and ``modebar`` (the charts' one button).
"""

from ipt_network.ui.app import create_app

__all__ = ["create_app"]
