/* PMO Playbook: filters for the listing table after a `.pb-filters` block.

   Each <select name="…" data-column="N"> keeps the rows whose N-th cell names the chosen value.
   A long listing runs over several pages, linked from its `.pb-pager`: while a filter is set, the
   rows of every page are fetched and filtered together. The choices are kept in the address
   (`?for=Senior%20leadership`), so other pages can link to a filtered listing.

   What the script says comes from data attributes of the element it enhances, which the pages
   write in the site's language; without them (a template written before them) it says it in
   English. */
(function () {
  // A text in the page's words, its %(name)s and %(num)d filled with `values`.
  function say(element, key, english, values = {}) {
    const text = element.dataset[key] || english;
    return text.replace(/%\((\w+)\)[sd]/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  function tableAfter(filters) {
    // Material wraps tables in scroll containers, so look into the following siblings too.
    for (let node = filters.nextElementSibling; node; node = node.nextElementSibling) {
      const table = node.tagName === "TABLE" ? node : node.querySelector("table");
      if (table) return table;
    }
    return null;
  }

  // The listing's pages in order, as addresses; null stands for the page being read.
  function pagesOf(pager) {
    if (!pager) return [null];
    const pages = [];
    pager.querySelectorAll("a, strong").forEach((item) => {
      if (item.tagName === "STRONG") pages.push(null);
      else if (/^\d+$/.test(item.textContent.trim())) pages.push(new URL(item.getAttribute("href"), location.href));
    });
    return pages.includes(null) ? pages : [null];
  }

  // The rows of another page of the listing, with links that still work from this page.
  async function rowsAt(address) {
    const response = await fetch(address);
    if (!response.ok) throw new Error(`${address}: ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), "text/html");
    const table = tableAfter(page.querySelector(".pb-filters"));
    return Array.from(table.tBodies[0].rows, (row) => {
      row.querySelectorAll("a[href]").forEach((link) => {
        link.setAttribute("href", new URL(link.getAttribute("href"), address).href);
      });
      return document.importNode(row, true);
    });
  }

  function setUp(filters) {
    const table = tableAfter(filters);
    if (!table) return;
    const body = table.tBodies[0];
    const ownRows = Array.from(body.rows);
    const pager = document.querySelector(".pb-pager");
    const pages = pagesOf(pager);
    const selects = Array.from(filters.querySelectorAll("select[data-column]"));
    const count = filters.querySelector(".pb-filter-count");
    let allRows = null; // every page's rows, once fetched
    let loading = null;
    let failed = false;

    const active = () => selects.some((select) => select.value);
    const matches = (row) =>
      selects.every((select) => {
        const cell = row.cells[Number(select.dataset.column) - 1];
        if (!select.value || !cell) return true;
        // A cell names entries by their links (a name may hold a comma), or holds one value.
        const links = Array.from(cell.querySelectorAll("a"), (link) => link.textContent.trim());
        return (links.length ? links : [cell.textContent.trim()]).includes(select.value);
      });

    function show() {
      const filtering = active();
      const rows = filtering && allRows ? allRows : ownRows;
      const candidates = new Set(rows);
      let shown = 0;
      Array.from(body.rows).forEach((row) => {
        const keep = candidates.has(row) && matches(row);
        row.hidden = !keep;
        if (keep) shown += 1;
      });
      if (pager) pager.hidden = filtering && allRows !== null;
      if (!count) return;
      const counted = { shown, total: rows.length };
      if (!filtering) count.textContent = "";
      else if (pages.length > 1 && !allRows && !failed) count.textContent = say(filters, "looking", "Looking through every page…");
      else if (failed) count.textContent = say(filters, "shownHere", "%(shown)d of %(total)d on this page shown (the other pages could not be read)", counted);
      else count.textContent = say(filters, "shown", "%(shown)d of %(total)d shown", counted);
    }

    function loadEveryPage() {
      if (loading || pages.length < 2) return;
      loading = Promise.all(pages.map((address) => (address ? rowsAt(address) : ownRows)))
        .then((lists) => {
          allRows = lists.flat();
          body.replaceChildren(...allRows);
        })
        .catch(() => {
          failed = true;
        })
        .then(show);
    }

    function keepInAddress() {
      const params = new URLSearchParams(location.search);
      selects.forEach((select) => {
        if (select.value) params.set(select.name, select.value);
        else params.delete(select.name);
      });
      const query = params.toString();
      history.replaceState(history.state, "", location.pathname + (query ? `?${query}` : "") + location.hash);
    }

    const wanted = new URLSearchParams(location.search);
    selects.forEach((select) => {
      const value = wanted.get(select.name);
      if (value !== null && Array.from(select.options).some((option) => option.value === value)) {
        select.value = value;
      }
      select.addEventListener("change", () => {
        keepInAddress();
        if (active()) loadEveryPage();
        show();
      });
    });
    filters.hidden = false;
    if (active()) loadEveryPage();
    show();
  }

  /* The class finder: above the table of project classes, a box per measure where a sponsor
     types the project's figures; it names the class they put the project in (the highest any
     figure reaches) and shows what that class must do. Without script the table says it all. */
  function setUpFinder(finder) {
    const spans = Array.from(document.querySelectorAll(".pb-threshold[data-class][data-measure]"));
    if (!spans.length) return;
    const table = spans[0].closest("table");
    const headings = Array.from(table.tHead.rows[0].cells, (cell) => cell.textContent.trim());
    const classes = []; // in the table's order: lightest first
    const measures = new Map(); // id -> its column heading
    spans.forEach((span) => {
      const id = span.dataset.class;
      let found = classes.find((item) => item.id === id);
      if (!found) {
        const link = span.closest("tr").querySelector("a");
        found = { id, name: link ? link.textContent.trim() : id, href: link ? link.getAttribute("href") : null, ranges: [] };
        classes.push(found);
      }
      found.ranges.push({
        measure: span.dataset.measure,
        atLeast: Number(span.dataset.atLeast || 0),
        below: span.dataset.below === undefined ? Infinity : Number(span.dataset.below),
      });
      measures.set(span.dataset.measure, span.dataset.question || headings[span.closest("td").cellIndex]);
    });

    const form = document.createElement("form");
    form.className = "pb-finder-form";
    form.addEventListener("submit", (event) => event.preventDefault());
    const heading = document.createElement("p");
    heading.className = "pb-finder-title";
    heading.textContent = say(finder, "heading", "Find your project's class: enter its figures.");
    form.append(heading);
    const inputs = [];
    measures.forEach((label, measure) => {
      const field = document.createElement("label");
      const input = document.createElement("input");
      input.type = "number";
      input.min = "0";
      input.inputMode = "numeric";
      input.name = measure;
      field.append(`${label} `, input);
      form.append(field);
      inputs.push(input);
    });
    const result = document.createElement("output");
    result.className = "pb-finder-result";
    result.setAttribute("aria-live", "polite");
    form.append(result);

    function classOf() {
      let chosen = null;
      inputs.forEach((input) => {
        if (input.value === "") return;
        const value = Number(input.value);
        classes.forEach((item, rank) => {
          const hit = item.ranges.some((r) => r.measure === input.name && value >= r.atLeast && value < r.below);
          if (hit && (chosen === null || rank > chosen)) chosen = rank;
        });
      });
      return chosen === null ? null : classes[chosen];
    }

    function show() {
      const found = classOf();
      result.replaceChildren();
      if (!found) return;
      const line = document.createElement("p");
      const name = document.createElement(found.href ? "a" : "strong");
      name.textContent = found.name;
      if (found.href) name.setAttribute("href", found.href);
      // The sentence around the class's name, which links to the class.
      const [before, after = ""] = say(finder, "result", "This project is %(name)s. It must do what follows:").split("%(name)s");
      line.append(before, name, after);
      result.append(line);
      // The class's section further down the page lists what it must do.
      const section = document.getElementById(`class-${found.id}`);
      for (let node = section && section.nextElementSibling; node && !/^H[1-3]$/.test(node.tagName); node = node.nextElementSibling) {
        result.append(node.cloneNode(true));
      }
    }

    inputs.forEach((input) => input.addEventListener("input", show));
    finder.replaceChildren(form);
    finder.hidden = false;
  }

  function init() {
    document.querySelectorAll(".pb-filters").forEach(setUp);
    document.querySelectorAll(".pb-class-finder").forEach(setUpFinder);
  }
  // Material's instant navigation swaps pages without a reload; document$ tells us when.
  if (typeof document$ !== "undefined") {
    document$.subscribe(init);
  } else {
    document.addEventListener("DOMContentLoaded", init);
  }
})();
