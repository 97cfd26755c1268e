/* PMO Playbook: filters for the first table after a `.pb-filters` block.
   Each <select data-column="N"> keeps the rows whose N-th cell mentions the chosen value. */
(function () {
  function setUp(filters) {
    // Material wraps tables in scroll containers, so look into the following siblings too.
    var table = null;
    for (var node = filters.nextElementSibling; node && !table; node = node.nextElementSibling) {
      table = node.tagName === "TABLE" ? node : node.querySelector("table");
    }
    if (!table) return;
    var selects = filters.querySelectorAll("select[data-column]");
    var count = filters.querySelector(".pb-filter-count");
    function apply() {
      var rows = table.tBodies[0].rows;
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var keep = true;
        selects.forEach(function (select) {
          var wanted = select.value;
          var cell = rows[i].cells[Number(select.dataset.column) - 1];
          if (wanted && cell) {
            var parts = cell.textContent.split(",").map(function (s) { return s.trim(); });
            if (parts.indexOf(wanted) === -1) keep = false;
          }
        });
        rows[i].hidden = !keep;
        if (keep) shown++;
      }
      if (count) count.textContent = shown + " of " + rows.length + " shown";
    }
    selects.forEach(function (select) { select.addEventListener("change", apply); });
    filters.hidden = false;
    apply();
  }
  function init() {
    document.querySelectorAll(".pb-filters").forEach(setUp);
  }
  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
