/* 责任田 search, on the page's side (Material's search box stays as it is):
 * - a query typed without keys (pasted with the mouse, dropped, finished by an input method) is searched
 *   too: Material starts a search on keyup only;
 * - when no page holds the whole query (the worker's answer says `whole: false`), the line above the
 *   results says so before the partial matches are listed.
 * Loaded before Material's script, so that the search worker it starts is the one watched here.
 */
"use strict";

(function () {
  var RESULT = 3
  var Base = window.Worker  // the browser's, or the iframe-worker shim's when opened from a folder

  function notFoundNotice(answer) {
    var meta = document.querySelector(".md-search-result__meta")
    if (!meta || answer.whole || !answer.items.length) return
    meta.textContent = "没有找到完全包含“" + answer.query.trim() + "”的内容。下面 " + answer.items.length +
      " 个结果只包含其中一部分："
  }

  window.Worker = function (url, options) {
    var worker = new Base(url, options)
    worker.addEventListener("message", function (event) {
      // after Material has written its count into the same line
      if (event.data && event.data.type === RESULT) setTimeout(function () { notFoundNotice(event.data.data) }, 0)
    })
    return worker
  }

  document.addEventListener("input", function (event) {
    var box = event.target
    if (box.matches && box.matches("input.md-search__input") && !event.isComposing)
      box.dispatchEvent(new KeyboardEvent("keyup", {bubbles: true}))
  })
})()
