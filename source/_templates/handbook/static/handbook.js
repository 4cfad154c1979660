/* The handbook's web behaviour: quick exit, language links that keep the
   section, keyboard access to the mobile menus, everything shown in print,
   and what Furo's own script did (theme toggle; "back to top" and the
   current section in the contents come with handbook-scroll.js, at the first
   scroll), in a tenth of its size: furo.js is not loaded.
   A file, never inline code, so a strict Content-Security-Policy can work. */
(function () {
  "use strict";

  var root = document.documentElement;
  root.classList.remove("no-js");

  function stored(name) {
    try {
      return localStorage.getItem(name);
    } catch (error) {
      return null; // storage switched off
    }
  }

  /* Furo's theme toggle: auto → the other colour → the same colour → auto. */
  var NEXT_THEME = {
    light: { auto: "dark", dark: "light", light: "auto" }, // the system is light
    dark: { auto: "light", light: "dark", dark: "auto" },
  };
  document.querySelectorAll(".theme-toggle").forEach(function (toggle) {
    toggle.addEventListener("click", function () {
      var system = window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
      var theme = NEXT_THEME[system][stored("theme") || "auto"] || "auto";
      document.body.dataset.theme = theme;
      try {
        localStorage.setItem("theme", theme);
      } catch (error) {
        // storage switched off: the choice lasts for this page
      }
    });
  });

  /* After a search, Sphinx highlights the search words: its four scripts, in
     one file, load only then (the search page has them already). */
  var base = document.currentScript.src.replace(/[^/]*$/, "");
  function load(name) {
    var later = document.createElement("script");
    later.src = base + name;
    document.head.appendChild(later);
  }
  if (typeof SphinxHighlight === "undefined" && stored("sphinx_highlight_terms")) load("handbook-highlight.js");

  /* What only matters once the reader scrolls ("back to top", the contents'
     current section) comes with the first scroll: handbook-scroll.js. */
  window.addEventListener("scroll", function () {
    load("handbook-scroll.js");
  }, { once: true, passive: true });

  /* Quick exit (GOV.UK "Exit this page"): blank the page at once, then
     replace this history entry, so Back does not return here. */
  var button = document.querySelector(".handbook-exit-button");
  var status = document.querySelector(".handbook-exit-status");
  var PRESSES = 3;
  var WINDOW_MS = 5000;

  function leave(url) {
    document.title = "";
    document.body.textContent = "";
    try {
      // Sphinx keeps the last search words, Furo the theme: forget both.
      localStorage.clear();
      sessionStorage.clear();
    } catch (error) {
      // storage switched off: nothing to forget
    }
    window.location.replace(url);
  }

  document.querySelectorAll("a[data-quick-exit]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault(); // also with Ctrl or Shift: no new tab, this page must go
      leave(link.href);
    });
  });

  /* Shift three times within five seconds. Shift held with another key
     does not count, any other key starts again. */
  var presses = 0;
  var timer = 0;
  var chord = false;

  function say(text) {
    if (status) status.textContent = text || "";
  }
  function reset() {
    presses = 0;
    clearTimeout(timer);
    timer = 0;
  }

  if (button) {
    document.addEventListener("keydown", function (event) {
      if (event.key === "Shift") {
        if (event.ctrlKey || event.altKey || event.metaKey) chord = true;
        return;
      }
      if (event.shiftKey) chord = true;
      if (presses) {
        reset();
        say("");
      }
    }, true);

    document.addEventListener("keyup", function (event) {
      if (event.key !== "Shift") return;
      var combined = chord || event.ctrlKey || event.altKey || event.metaKey;
      chord = false;
      if (combined) {
        reset();
        return;
      }
      presses += 1;
      if (presses >= PRESSES) {
        reset();
        say(button.dataset.activated);
        leave(button.href);
        return;
      }
      if (presses === 1) {
        timer = setTimeout(function () {
          reset();
          say(button.dataset.expired);
        }, WINDOW_MS);
      }
      say(PRESSES - presses === 2 ? button.dataset.pressTwo : button.dataset.pressOne);
    }, true);
  }

  /* On wide screens the whole bar is fixed at the top; the page starts
     below it, however many lines the bar takes. */
  var bar = document.querySelector(".handbook-bar");
  if (bar && window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--handbook-bar-measured", bar.offsetHeight + "px");
    }).observe(bar);
  }

  /* Language links go to the same section in the other language. Section
     ids come from (translated) titles; the label before a section,
     <span id="signals-how-to-read">, is the same in every language. */
  var languages = document.querySelector(".handbook-languages");

  function stableId() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (target && target.tagName === "SECTION") {
      var label = target.querySelector(":scope > span[id]");
      if (label) return label.id;
    }
    return id;
  }

  function updateLanguageLinks() {
    var id = stableId();
    var query = languages.hasAttribute("data-keep-query") ? location.search : "";
    languages.querySelectorAll("a[hreflang]").forEach(function (link) {
      var page = link.getAttribute("href").split(/[?#]/)[0];
      link.setAttribute("href", page + query + (id ? "#" + encodeURIComponent(id) : ""));
    });
  }

  if (languages) {
    updateLanguageLinks();
    window.addEventListener("hashchange", updateLanguageLinks);
    languages.addEventListener("click", updateLanguageLinks, true);
  }

  /* Furo's menu and contents drawers open with a <label> for a hidden
     checkbox: fine for a mouse or a finger, out of reach for a keyboard.
     Each label becomes a real button that toggles the checkbox; Escape
     closes an open drawer and returns to its button. */
  var toggles = [];
  document.querySelectorAll("label.nav-overlay-icon, label.toc-overlay-icon").forEach(function (label) {
    var box = document.getElementById(label.htmlFor);
    if (!box) return;
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = label.className + " handbook-drawer-toggle";
    toggle.innerHTML = label.innerHTML;
    toggle.setAttribute("aria-label", box.getAttribute("aria-label"));
    toggle.setAttribute("aria-expanded", String(box.checked));
    toggle.addEventListener("click", function () {
      box.checked = !box.checked;
      box.dispatchEvent(new Event("change"));
    });
    box.addEventListener("change", function () {
      toggle.setAttribute("aria-expanded", String(box.checked));
    });
    label.replaceWith(toggle);
    toggles.push({ box: box, toggle: toggle });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    toggles.forEach(function (pair) {
      if (pair.box.checked && pair.toggle.offsetParent !== null) {
        pair.box.checked = false;
        pair.box.dispatchEvent(new Event("change"));
        pair.toggle.focus();
      }
    });
  });

  /* Print the whole page: open closed dropdowns, close them again after. */
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (details) {
      details.open = true;
      opened.push(details);
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (details) {
      details.open = false;
    });
    opened = [];
  });
})();
