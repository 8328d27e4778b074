/* Repairs to the markup of Dash's own components, which take no ARIA attributes from Python.
   Applied to every element as Dash draws or redraws it, so that a screen reader and the keyboard
   meet plain, named controls (tests/browser/test_accessibility.py audits the result with axe-core).

   - Radio items and checklists: Dash draws a listbox of options that each wrap a native radio or
     checkbox; the native inputs, named by their labels and grouped by our fieldsets, say it all.
   - Slider thumbs: named by the element whose id is the slider's id + "-label".
   - Dropdowns: the hidden stand-in Dash puts in the tab order hands focus to the button anyway;
     the button itself takes the tab stop, so nothing hidden is focusable.
   - The upload's file input: named by the words of its drop zone. */
(function () {
    const REPAIRS = [
        [":is(.dash-radioitems, .dash-checklist)[role]", group => group.removeAttribute("role")],
        [":is(.dash-radioitems, .dash-checklist) .dash-options-list-option:is([role], [aria-selected])", option => {
            option.removeAttribute("role");
            option.removeAttribute("aria-selected");
        }],
        [".dash-slider-container[id] [role=slider]:not([aria-labelledby])", thumb => {
            const label = document.getElementById(thumb.closest(".dash-slider-container").id + "-label");
            if (label) {
                thumb.setAttribute("aria-labelledby", label.id);
            }
        }],
        [".dash-dropdown-focus-target[tabindex='0']", target => {
            target.tabIndex = -1;
            const button = target.nextElementSibling;
            if (button && button.tabIndex < 0) {
                button.tabIndex = 0;
            }
        }],
        [".upload-zone input[type=file]:not([aria-label])", input => {
            input.setAttribute("aria-label", input.closest(".upload-zone").textContent.trim());
        }],
    ];

    function repair(root) {
        for (const [selector, fix] of REPAIRS) {
            if (root.matches(selector)) {
                fix(root);
            }
            root.querySelectorAll(selector).forEach(fix);
        }
    }

    new MutationObserver(records => {
        for (const record of records) {
            const changed = record.type === "attributes" ? [record.target] : record.addedNodes;
            for (const node of changed) {
                if (node instanceof HTMLElement) {  // not text, not the charts' SVG
                    repair(node);
                }
            }
        }
    }).observe(document.documentElement, {
        childList: true, subtree: true, attributes: true,
        attributeFilter: ["role", "aria-selected", "tabindex", "aria-label", "aria-labelledby"],
    });
    repair(document.documentElement);
})();
