/* 责任田: what the checklist builder and 本月要做什么 share. A choice of 层级 and 责任 (书记 holds two lists:
 * the group's collective duties, which the secretary leads, and the first responsible person's), the duties
 * it lists, and the choice kept in the page's address (#level=…&role=…), so a list is shared by its address.
 * Data: window.ZERENTIAN_DUTIES (assets/zerentian/duties-data.js).
 */
"use strict";

window.ZT = (function () {
  var data = window.ZERENTIAN_DUTIES

  function byId(list, id) {
    return list.filter(function (x) { return x.id === id })[0]
  }

  /* One section per holder role of the choice, each with the duties of generator.compile.select_duties
   * (the same rule; tests keep the two equal). 分管 areas count for a member only, as in a pack. */
  function sections(state) {
    var role = byId(data.roles, state.role)
    var areas = state.role === "member" ? state.areas : []
    return role.holds.map(function (holder) {
      return {
        holder: holder,
        duties: data.duties.filter(function (d) {
          return d.level === state.level && d.role === holder && state.domains.indexOf(d.domain) !== -1 &&
            (!d.areas.length || d.areas.some(function (a) { return areas.indexOf(a) !== -1 }))
        })
      }
    })
  }

  /* The risk points of a member's 分管 areas: the same rule as generator.compile.select_risks (the data holds
   * only the risks a member can run). */
  function risks(state) {
    if (state.role !== "member") return []
    return data.risks.filter(function (r) {
      return state.areas.indexOf(r.area) !== -1 && (!r.levels.length || r.levels.indexOf(state.level) !== -1)
    })
  }

  function escape(value) {
    var div = document.createElement("div")
    div.textContent = value
    return div.innerHTML
  }

  /* The choice in the address, or null when the address makes none. */
  function readState() {
    var params = new URLSearchParams(location.hash.slice(1))
    var level = params.get("level"), role = params.get("role")
    if (!byId(data.levels, level) || !byId(data.roles, role)) return null
    var list = function (name, fallback) {
      return params.has(name) ? params.get(name).split(",").filter(Boolean) : fallback
    }
    var month = parseInt(params.get("month"), 10)
    return {
      level: level, role: role, areas: list("areas", []), domains: list("domains", data.domains.slice()),
      month: month >= 1 && month <= 12 ? month : null
    }
  }

  function writeState(state) {
    var params = new URLSearchParams()
    params.set("level", state.level)
    params.set("role", state.role)
    if (state.role === "member" && state.areas.length) params.set("areas", state.areas.join(","))
    if (state.domains.length !== data.domains.length) params.set("domains", state.domains.join(","))
    if (state.month) params.set("month", state.month)
    history.replaceState(null, "", "#" + params.toString())
  }

  function fresh(level, role) {
    return {level: level, role: role, areas: [], domains: data.domains.slice(), month: null}
  }

  function options(name, items, checked, type) {
    return items.map(function (item) {
      var id = typeof item === "string" ? item : item.id
      var label = typeof item === "string" ? item : (item.short || item.name)
      return '<label class="zt-option"><input type="' + type + '" name="' + name + '" value="' + escape(id) + '"' +
        (checked(id) ? " checked" : "") + "> " + escape(label) + "</label>"
    }).join("")
  }

  /* The 层级 and 责任 fieldsets both pages show. */
  function choiceFields(state) {
    return '<fieldset><legend>层级</legend>' +
      options("level", data.levels, function (id) { return id === state.level }, "radio") + "</fieldset>" +
      '<fieldset><legend>责任</legend>' +
      options("role", data.roles, function (id) { return id === state.role }, "radio") + "</fieldset>"
  }

  /* Buttons for the readers the home page starts from: each sets a 层级 and 责任; the chosen one stands out. */
  function readerButtons(state) {
    return data.readers.map(function (r) {
      var chosen = state && state.level === r.level && state.role === r.role
      return '<button type="button" class="md-button zt-reader-choice' + (chosen ? " md-button--primary" : "") +
        '" data-level="' + escape(r.level) +
        '" data-role="' + escape(r.role) + '">' + escape(r.label) + "</button>"
    }).join("")
  }

  function checkedValues(form, name) {
    return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'),
      function (input) { return input.value })
  }

  return {
    data: data, byId: byId, sections: sections, risks: risks, escape: escape, readState: readState, writeState: writeState,
    fresh: fresh, options: options, choiceFields: choiceFields, readerButtons: readerButtons,
    checkedValues: checkedValues
  }
})()
