/* Furo's "back to top" and the contents' current section, loaded by
   handbook.js at the first scroll: nothing here matters before it. */
(function () {
  "use strict";

  /* Furo's "back to top" shows while scrolling up, and the contents mark
     the section being read (and follow the page to its top and end). */
  var tocScroll = document.querySelector(".toc-scroll");
  var tocLinks = Array.prototype.slice.call(document.querySelectorAll(".toc-tree a[href^='#']"));
  var root = document.documentElement;
  var lastY = window.scrollY;
  var ticking = false;

  function currentSection(y) {
    var bar = document.querySelector(".handbook-bar");
    var offset = (bar ? Math.max(bar.getBoundingClientRect().bottom, 0) : 0) +
      2.5 * parseFloat(getComputedStyle(root).fontSize) + 1;
    var current = tocLinks[0];
    tocLinks.forEach(function (link) {
      var target = link.hash.length > 1 && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (target && target.getBoundingClientRect().top <= offset) current = link;
    });
    if (y + window.innerHeight >= root.scrollHeight - 1 && tocLinks.length) current = tocLinks[tocLinks.length - 1];
    document.querySelectorAll(".toc-tree .scroll-current").forEach(function (item) {
      item.classList.remove("scroll-current");
    });
    for (var item = current && current.parentElement; item && item.closest(".toc-tree"); item = item.parentElement) {
      if (item.tagName === "LI") item.classList.add("scroll-current");
    }
  }

  function onScroll() {
    var y = window.scrollY;
    if (y < 64 || y > lastY) root.classList.remove("show-back-to-top");
    else if (y < lastY) root.classList.add("show-back-to-top");
    lastY = y;
    if (tocScroll) {
      if (y === 0) tocScroll.scrollTo(0, 0);
      else if (Math.ceil(y) >= Math.floor(root.scrollHeight - window.innerHeight)) {
        tocScroll.scrollTo(0, tocScroll.scrollHeight);
      }
    }
    if (tocLinks.length) currentSection(y);
    ticking = false;
  }

  window.addEventListener("scroll", function () {
    if (!ticking) window.requestAnimationFrame(onScroll);
    ticking = true;
  });
  onScroll();
})();
