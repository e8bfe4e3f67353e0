/* 责任田 本月要做什么: for a 层级 and 责任, the duties due this month and in the rest of this quarter.
 * The month is this computer's (or the one chosen); the due dates are those generator.compile.schedule gives
 * for the year, exported per duty for a common and a leap year (they differ only around February).
 */
"use strict";

(function () {
  var ZT = window.ZT, data = ZT.data
  var root = document.getElementById("zt-month")
  if (!data || !root) return
  var escape = ZT.escape

  function isLeap(year) {
    return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  }

  /* Every (month, day) a duty is due in `year`. */
  function dueDates(duty, year) {
    var days = isLeap(year) && duty.leap ? duty.leap : duty.due
    return days.map(function (md) {
      var parts = md.split("-")
      return {month: parseInt(parts[0], 10), day: parseInt(parts[1], 10)}
    })
  }

  /* Duties of the choice due in the given months: [{duty, holder, month, day}] by date. */
  function dueIn(state, months, year) {
    var found = []
    ZT.sections(state).forEach(function (group) {
      group.duties.forEach(function (duty) {
        dueDates(duty, year).forEach(function (due) {
          if (months.indexOf(due.month) !== -1) found.push({duty: duty, holder: group.holder, month: due.month, day: due.day})
        })
      })
    })
    return found.sort(function (a, b) { return a.month - b.month || a.day - b.day })
  }

  function list(entries, empty) {
    if (!entries.length) return "<p>" + empty + "</p>"
    return '<table class="zt-table"><thead><tr><th>完成时限</th><th>责任事项</th><th>责任</th><th>频次</th>' +
      "<th>留下的材料</th></tr></thead><tbody>" + entries.map(function (e) {
        return '<tr data-duty-id="' + escape(e.duty.id) + '">' +
          "<td>" + e.month + "月" + e.day + "日前</td>" +
          '<td><a href="' + escape(e.duty.url) + '">' + escape(e.duty.title) + "</a></td>" +
          "<td>" + escape(data.holders[e.holder].section) + "</td>" +
          "<td>" + escape(e.duty.frequency) + "</td>" +
          "<td>" + escape(e.duty.evidence.join("、")) + "</td></tr>"
      }).join("") + "</tbody></table>"
  }

  var QUARTERS = ["一", "二", "三", "四"]

  function render(state) {
    var now = new Date(), year = now.getFullYear()
    var month = state && state.month ? state.month : now.getMonth() + 1
    var first = month - (month - 1) % 3, quarter = [first, first + 1, first + 2]
    var months = Array.apply(null, Array(12)).map(function (_, i) {
      return '<option value="' + (i + 1) + '"' + (i + 1 === month ? " selected" : "") + ">" + (i + 1) + "月</option>"
    }).join("")
    var html = '<form class="zt-form" data-zt-form>' +
      '<fieldset class="zt-readers-choice"><legend>我是</legend>' + ZT.readerButtons(state) + "</fieldset>" +
      ZT.choiceFields(state || {}) +
      '<fieldset><legend>月份</legend><label class="zt-option">' + year + '年 <select name="month">' + months +
      "</select></label></fieldset></form>"
    if (state) {
      var level = ZT.byId(data.levels, state.level), role = ZT.byId(data.roles, state.role)
      var rest = quarter.filter(function (m) { return m !== month })
      html += '<section class="zt-sheet">' +
        "<h2>" + escape(level.short) + " · " + escape(role.short) + "：" + month + "月要完成的</h2>" +
        '<div data-zt-this-month>' + list(dueIn(state, [month], year), month + "月没有到期的定期事项。") + "</div>" +
        "<h2>第" + QUARTERS[(first - 1) / 3] + "季度其他月份（" + rest.join("月、") + "月）</h2>" +
        '<div>' + list(dueIn(state, rest, year), "本季度其他月份没有到期的定期事项。") + "</div>" +
        '<p class="zt-hint">没有固定频次的经常性工作不在此列，见' +
        '<a href="checklist.html#' + escape(location.hash.slice(1)) + '">完整的责任清单</a>。</p></section>'
    } else {
      html += '<p class="zt-hint">先选“我是”，或者选一个层级和一种责任。</p>'
    }
    root.innerHTML = html
    var form = root.querySelector("[data-zt-form]")
    form.addEventListener("change", function () {
      var level = ZT.checkedValues(form, "level")[0], role = ZT.checkedValues(form, "role")[0]
      if (!level || !role) return
      var picked = parseInt(form.querySelector('select[name="month"]').value, 10)
      var next = ZT.fresh(level, role)
      next.month = picked === now.getMonth() + 1 ? null : picked
      ZT.writeState(next)
      render(next)
    })
    Array.prototype.forEach.call(root.querySelectorAll(".zt-reader-choice"), function (button) {
      button.addEventListener("click", function () {
        var next = ZT.fresh(button.dataset.level, button.dataset.role)
        next.month = state ? state.month : null
        ZT.writeState(next)
        render(next)
      })
    })
  }

  render(ZT.readState())
  window.addEventListener("hashchange", function () { render(ZT.readState()) })
})()
