/* The ratings grid (dash-ag-grid) in the page.

   - Menus open over the page (the grid's "popupParent"), so a row's menu is never cut off by the grid,
     and the page scrolls as little as needed to show a menu whole (the last row's opens below it).
   - A redraw sets single cells on the rows as the grid holds them at that moment, rather than rows the
     server read earlier: whatever was typed since in another cell of the row stays as typed, and a
     cell being typed in is not closed.
   - A menu cell opens its list as soon as it is clicked: one click to open, one to choose.
   - A person's name comes with a button that opens their inventory card (the grid's "cellRendererData"
     tells the server whose), scrolled into view with its person list focused. */
window.dashAgGridFunctions = Object.assign({}, window.dashAgGridFunctions, {
    pageBody: () => document.body,
    openMenu: params => {
        if (params.colDef.cellEditor !== "agSelectCellEditor") {
            return;
        }
        setTimeout(() => {  // once the editor is in the cell
            const picker = document.querySelector(".ag-cell-inline-editing .ag-picker-field-wrapper");
            if (picker && picker.getAttribute("aria-expanded") !== "true") {
                picker.dispatchEvent(new MouseEvent("mousedown", {bubbles: true, cancelable: true}));
            }
        });
    },
});

window.dashAgGridComponentFunctions = Object.assign({}, window.dashAgGridComponentFunctions, {
    PersonWithInventory: function (props) {
        const open = () => {
            props.setData(props.data.id);
            const card = document.querySelector(".inventory-panel");
            card.scrollIntoView({block: "start"});
            card.querySelector(".inventory-person").focus({preventScroll: true});
        };
        return React.createElement("span", {className: "grid-person"},
            React.createElement("span", {className: "grid-person-name"}, props.value),
            React.createElement("button", {type: "button", className: "btn btn-link btn-sm grid-inventory",
                onClick: open, "aria-label": `Inventory of ${props.value}`}, "Inventory"));
    },
});

window.dash_clientside = Object.assign({}, window.dash_clientside, {
    grid: {
        /* ``cells`` is {person id: {column: value}}; answered as one row transaction of the grid. */
        setCells: function (cells, gridId) {
            const api = window.dash_ag_grid.getApi(gridId);
            const rows = Object.entries(cells || {}).map(([id, values]) => [api && api.getRowNode(id), values])
                .filter(([node]) => node);
            if (!rows.length) {
                throw window.dash_clientside.PreventUpdate;
            }
            return {update: rows.map(([node, values]) => Object.assign({}, node.data, values)), async: false};
        },
    },
});

new MutationObserver(records => {
    for (const record of records) {
        for (const node of record.addedNodes) {
            const list = node instanceof HTMLElement && (node.matches(".ag-select-list") ? node
                : node.querySelector(".ag-select-list"));
            if (list) {
                setTimeout(() => list.scrollIntoView({block: "nearest"}));  // once the grid has placed it
            }
        }
    }
}).observe(document.body, {childList: true, subtree: true});
