/* Progressive enhancement only: the site works without this file. */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) { return; }
  // A clause link copies "郑政〔2016〕24号 二（四） https://…#s2-4" so a reader can cite the clause.
  document.addEventListener("click", function (event) {
    var link = event.target;
    if (!link || !link.classList || !link.classList.contains("clause-link")) { return; }
    var url = location.href.split("#")[0] + link.getAttribute("href");
    var text = (link.getAttribute("data-cite") || "") + " " + url;
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(function () { say(link, "已复制引用"); }, function () {});
    }
  });
  function say(link, message) {
    var note = document.createElement("span");
    note.className = "clause-copied";
    note.setAttribute("role", "status");
    note.textContent = message;
    link.parentNode.insertBefore(note, link.nextSibling);
    setTimeout(function () { if (note.parentNode) { note.parentNode.removeChild(note); } }, 2000);
  }
})();
