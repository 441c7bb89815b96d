// The search page: runs the query in the browser with pagefind's index for this page's language.
// pagefind.js is loaded from this site only (relative to the page, so any sub-path works); result
// addresses are rebuilt under the site's folder. Excerpts are copied as text plus <mark>, never as HTML.
(function () {
  "use strict";
  var form = document.querySelector("form[data-search-bundle]");
  if (!form) return;
  var input = form.querySelector("input[name=q]");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var root = new URL(form.getAttribute("data-search-root"), document.baseURI);
  var bundle = new URL(form.getAttribute("data-search-bundle"), document.baseURI);
  var loaded = null;
  var latest = 0;

  function message(name, values) {
    var text = form.getAttribute("data-msg-" + name) || "";
    Object.keys(values || {}).forEach(function (key) { text = text.split("{" + key + "}").join(values[key]); });
    return text;
  }

  // A large site's index comes in shards: the first is the bundle's own, the others (listed in
  // shards.json by language) are merged into it, so one search covers them all.
  function pagefind() {
    if (!loaded) {
      var lang = document.documentElement.getAttribute("data-lang") || "";
      loaded = import(bundle.href + "pagefind.js").then(function (module) {
        return module.options({ baseUrl: root.pathname })
          .then(function () { return fetch(new URL("shards.json", bundle.href)); })
          .then(function (response) { return response.ok ? response.json() : {}; })
          .then(function (shards) {
            return (shards[lang] || []).reduce(function (previous, shard) {
              return previous.then(function () {
                return module.mergeIndex(new URL(shard, bundle.href).pathname, { baseUrl: root.pathname });
              });
            }, Promise.resolve());
          })
          .then(function () { return module; });
      });
    }
    return loaded;
  }

  // Copies pagefind's excerpt (escaped text with <mark> around matches) as text nodes and <mark>s.
  function excerpt(html) {
    var out = document.createElement("p");
    out.className = "search-excerpt";
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html").body;
    parsed.childNodes.forEach(function (node) {
      if (node.nodeName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  // Orders a page's matching sections (commitments, indicators, commentary) best first: those that
  // hold every word of the query, then those whose excerpt holds the query as typed, then pagefind's
  // own score. `everyWord` is the set of section addresses found by a search for each word alone.
  function rankSections(subs, query, everyWord) {
    var phrase = query.toLowerCase().replace(/\s+/g, " ");
    function score(sub) { return sub.weighted_locations.reduce(function (sum, w) { return sum + w.balanced_score; }, 0); }
    function text(sub) { return (sub.title + " " + sub.excerpt.replace(/<[^>]*>/g, "")).toLowerCase().replace(/\s+/g, " "); }
    return subs.map(function (sub, order) {
      return { sub: sub, key: [everyWord(sub.url) ? 1 : 0, text(sub).indexOf(phrase) >= 0 ? 1 : 0, score(sub), -order] };
    }).sort(function (a, b) {
      for (var i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return b.key[i] - a.key[i];
      return 0;
    }).map(function (x) { return x.sub; });
  }

  // For a query of several words: the section addresses that match each word on its own. The searches
  // run one after another (pagefind answers one search at a time reliably).
  function sectionsWithEveryWord(module, query) {
    var words = query.split(/\s+/).filter(Boolean);
    if (words.length < 2) return Promise.resolve(function () { return true; });
    var sets = [];
    return words.reduce(function (previous, word) {
      return previous.then(function () {
        return module.search(word).then(function (search) {
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        }).then(function (pages) {
          var found = {};
          pages.forEach(function (page) { (page.sub_results || []).forEach(function (sub) { found[sub.url] = true; }); });
          sets.push(found);
        });
      });
    }, Promise.resolve()).then(function () {
      return function (url) { return sets.every(function (set) { return set[url]; }); };
    });
  }

  function item(data) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    var a = document.createElement("a");
    a.href = data.url;
    a.textContent = (data.meta && data.meta.title) || data.url;
    heading.appendChild(a);
    // In a site of several plan years, which year's plan the page is about.
    if (data.meta && data.meta.year && form.hasAttribute("data-msg-year")) {
      var year = document.createElement("span");
      year.className = "search-year";
      year.textContent = " · " + message("year", { year: data.meta.year });
      heading.appendChild(year);
    }
    li.appendChild(heading);
    // The sections of the page that match (a commitment, an indicator), best first.
    var subs = data.sub_results.filter(function (s) { return s.url !== data.url; }).slice(0, 3);
    if (subs.length) {
      var ul = document.createElement("ul");
      ul.className = "search-sections";
      subs.forEach(function (sub) {
        var subItem = document.createElement("li");
        var link = document.createElement("a");
        link.href = sub.url;
        link.textContent = sub.title;
        subItem.appendChild(link);
        subItem.appendChild(excerpt(sub.excerpt));
        ul.appendChild(subItem);
      });
      li.appendChild(ul);
    } else {
      li.appendChild(excerpt(data.excerpt));
    }
    return li;
  }

  function run(query) {
    var ticket = ++latest;
    list.replaceChildren();
    if (!query) { status.textContent = ""; return; }
    status.textContent = message("loading");
    pagefind()
      .then(function (module) {
        return module.search(query).then(function (search) {
          return Promise.all(search.results.slice(0, 20).map(function (r) { return r.data(); }));
        }).then(function (results) {
          return sectionsWithEveryWord(module, query).then(function (everyWord) { return [results, everyWord]; });
        });
      })
      .then(function (found) {
        if (ticket !== latest) return;
        var results = found[0];
        results.forEach(function (data) { data.sub_results = rankSections(data.sub_results || [], query, found[1]); });
        results.forEach(function (data) { list.appendChild(item(data)); });
        status.textContent = results.length ? message("count", { count: results.length }) : message("none", { query: query });
      })
      .catch(function () {
        if (ticket === latest) status.textContent = message("error");
      });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = input.value.trim();
    var address = new URL(window.location.href);
    address.searchParams.set("q", query);
    window.history.replaceState(null, "", address.href);
    run(query);
  });

  var initial = new URL(window.location.href).searchParams.get("q") || "";
  input.value = initial;
  if (initial) run(initial.trim());
})();
