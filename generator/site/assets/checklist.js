/* 责任田 checklist builder: choose 层级, 责任 and (for 一岗双责) 分管 areas, get a printable
 * A4 checklist. Data: window.ZERENTIAN_CHECKLIST (assets/zerentian/checklist-data.js).
 * The choice lives in the URL hash, so a checklist can be shared by its address.
 */
"use strict";

(function () {
  var data = window.ZERENTIAN_CHECKLIST
  var root = document.getElementById("zt-checklist")
  if (!data || !root) return

  /* The same rule as generator.compile.select_duties; tests keep the two equal. */
  function selectDuties(level, role, areas, domains) {
    return data.duties.filter(function (d) {
      return d.level === level && d.role === role && domains.indexOf(d.domain) !== -1 &&
        (!d.areas.length || d.areas.some(function (a) { return areas.indexOf(a) !== -1 }))
    })
  }

  function escape(value) {
    var div = document.createElement("div")
    div.textContent = value
    return div.innerHTML
  }

  function byId(list, id) {
    return list.filter(function (x) { return x.id === id })[0]
  }

  function readState() {
    var params = new URLSearchParams(location.hash.slice(1))
    var list = function (name, fallback) {
      return params.has(name) ? params.get(name).split(",").filter(Boolean) : fallback
    }
    var level = params.get("level"), role = params.get("role")
    return {
      level: byId(data.levels, level) ? level : "township",
      role: byId(data.roles, role) ? role : "collective",
      areas: list("areas", []),
      domains: list("domains", data.domains.slice())
    }
  }

  function writeState(state) {
    var params = new URLSearchParams()
    params.set("level", state.level)
    params.set("role", state.role)
    if (state.role === "member" && state.areas.length) params.set("areas", state.areas.join(","))
    if (state.domains.length !== data.domains.length) params.set("domains", state.domains.join(","))
    history.replaceState(null, "", "#" + params.toString())
  }

  function options(name, items, checked, type) {
    return items.map(function (item) {
      var id = typeof item === "string" ? item : item.id
      var label = typeof item === "string" ? item : (item.short || item.name)
      return '<label class="zt-option"><input type="' + type + '" name="' + name + '" value="' + escape(id) + '"' +
        (checked(id) ? " checked" : "") + "> " + escape(label) + "</label>"
    }).join("")
  }

  function renderForm(state) {
    return '<form class="zt-form" data-zt-form>' +
      '<fieldset><legend>层级</legend>' +
      options("level", data.levels, function (id) { return id === state.level }, "radio") + "</fieldset>" +
      '<fieldset><legend>责任</legend>' +
      options("role", data.roles, function (id) { return id === state.role }, "radio") + "</fieldset>" +
      '<fieldset data-zt-areas' + (state.role === "member" ? "" : " hidden") + '><legend>分管领域（一岗双责）</legend>' +
      options("areas", data.areas, function (id) { return state.areas.indexOf(id) !== -1 }, "checkbox") +
      "</fieldset>" +
      '<fieldset><legend>领域</legend>' +
      options("domains", data.domains, function (id) { return state.domains.indexOf(id) !== -1 }, "checkbox") +
      "</fieldset>" +
      '<p><button type="button" class="md-button md-button--primary" data-zt-print>打印清单（A4）</button></p>' +
      "</form>"
  }

  function renderSheet(state) {
    var level = byId(data.levels, state.level), role = byId(data.roles, state.role)
    var areas = state.role === "member" ? state.areas : []
    var duties = selectDuties(state.level, state.role, areas, state.domains)
    var areaNames = areas.map(function (id) { return (byId(data.areas, id) || {name: id}).name })
    var rows = duties.map(function (d, i) {
      return '<tr data-duty-id="' + escape(d.id) + '">' +
        '<td class="zt-num">' + (i + 1) + "</td>" +
        '<td class="zt-tick"><span class="zt-box" aria-label="完成"></span></td>' +
        '<td><a href="' + escape(d.url) + '"><strong>' + escape(d.title) + "</strong></a><br>" + escape(d.text) + "</td>" +
        "<td>" + escape(d.frequency) + "</td>" +
        "<td>" + escape(d.evidence.join("、")) + "</td>" +
        '<td class="zt-source">' + escape(d.sources.join("；")) + "</td></tr>"
    }).join("")
    return '<section class="zt-sheet" data-zt-sheet>' +
      "<h2>责任清单：" + escape(level.short) + " · " + escape(role.label) + "</h2>" +
      '<p class="zt-meta">层级：' + escape(level.label) +
      (areaNames.length ? "；分管：" + escape(areaNames.join("、")) : "") +
      "；领域：" + escape(state.domains.join("、")) + "；共 <span data-zt-count>" + duties.length + "</span> 项</p>" +
      '<p class="zt-fill">单位：<span class="zt-line"></span> 责任人：<span class="zt-line"></span></p>' +
      (duties.length
        ? '<table class="zt-table"><thead><tr><th>序号</th><th>完成</th><th>责任事项</th><th>频次</th>' +
          "<th>佐证材料</th><th>依据</th></tr></thead><tbody>" + rows + "</tbody></table>"
        : "<p>所选条件下没有适用的责任事项。</p>") +
      '<div class="zt-sign"><p>责任人（签字）：<span class="zt-line"></span></p>' +
      '<p>日期：<span class="zt-line zt-short"></span>年<span class="zt-line zt-short"></span>月' +
      '<span class="zt-line zt-short"></span>日</p></div></section>'
  }

  function formState(form) {
    var values = function (name) {
      return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
        function (input) { return input.value })
    }
    return {level: values("level")[0], role: values("role")[0], areas: values("areas"), domains: values("domains")}
  }

  function render(state) {
    root.innerHTML = renderForm(state) + renderSheet(state)
    var form = root.querySelector("[data-zt-form]")
    form.addEventListener("change", function () {
      var next = formState(form)
      writeState(next)
      render(next)
    })
    root.querySelector("[data-zt-print]").addEventListener("click", function () { window.print() })
  }

  render(readState())
  window.addEventListener("hashchange", function () { render(readState()) })
})()
