/* 责任田 checklist builder: choose who you are (or 层级, 责任 and, for 一岗双责, 分管 areas), get a printable A4
 * checklist, or the same selection as a Word or Excel file.
 *
 * The files are the pack's own blank 责任清单 (window.ZERENTIAN_FILES, rendered by the document stage and taken
 * from a blank pack offered for download), filled here with the selection: the format (GB/T 9704 page, fonts,
 * columns, page numbers) stays the pack's. fflate (vendor/, MIT) opens and writes the zip archives.
 */
"use strict";

(function () {
  var ZT = window.ZT, data = ZT.data
  var root = document.getElementById("zt-checklist")
  if (!data || !root) return
  var files = window.ZERENTIAN_FILES && window.fflate ? window.ZERENTIAN_FILES : null
  var escape = ZT.escape

  var W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  var S = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
  var TYPES = {
    docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  }

  // --- the page ---------------------------------------------------------------------------------------

  function renderForm(state) {
    return '<form class="zt-form" data-zt-form>' +
      '<fieldset class="zt-readers-choice"><legend>我是</legend>' + ZT.readerButtons(state) + "</fieldset>" +
      ZT.choiceFields(state || {}) +
      (state ? areaAndDomainFields(state) : "") +
      (state ? buttons() : '<p class="zt-hint">先选“我是”，或者选一个层级和一种责任。</p>') +
      "</form>"
  }

  function areaAndDomainFields(state) {
    return '<fieldset' + (state.role === "member" ? "" : " hidden") + '><legend>分管领域（一岗双责）</legend>' +
      ZT.options("areas", data.areas, function (id) { return state.areas.indexOf(id) !== -1 }, "checkbox") +
      "</fieldset>" +
      '<fieldset><legend>领域</legend>' +
      ZT.options("domains", data.domains, function (id) { return state.domains.indexOf(id) !== -1 }, "checkbox") +
      "</fieldset>"
  }

  function buttons() {
    return '<p>' +
      '<button type="button" class="md-button md-button--primary" data-zt-print>打印清单（A4）</button> ' +
      (files
        ? '<button type="button" class="md-button" data-zt-download="docx">下载 Word 文件</button> ' +
          '<button type="button" class="md-button" data-zt-download="xlsx">下载 Excel 文件</button>'
        : "") +
      "</p>" +
      '<p class="zt-hint">选择会记在网址中，复制网址即可分享这份清单。</p>'
  }

  function sectionLabel(holder) {
    var label = data.holders[holder].section
    return holder === "collective" ? label : label + "（" + data.blank + "）"
  }

  function renderSheet(state) {
    var level = ZT.byId(data.levels, state.level), role = ZT.byId(data.roles, state.role)
    var areas = state.role === "member" ? state.areas : []
    var groups = ZT.sections(state)
    var count = groups.reduce(function (n, g) { return n + g.duties.length }, 0)
    var areaNames = areas.map(function (id) { return (ZT.byId(data.areas, id) || {name: id}).name })
    var number = 0
    var tables = groups.map(function (group, i) {
      var rows = group.duties.map(function (d) {
        number += 1
        return '<tr data-duty-id="' + escape(d.id) + '">' +
          '<td class="zt-num">' + number + "</td>" +
          '<td class="zt-tick"><span class="zt-box" aria-label="完成"></span></td>' +
          '<td><a href="' + escape(d.url) + '"><strong>' + escape(d.title) + "</strong></a><br>" + escape(d.text) + "</td>" +
          "<td>" + escape(d.frequency) + "</td>" +
          "<td>" + escape(d.evidence.join("、")) + "</td>" +
          '<td class="zt-source">' + escape(d.sources.join("；")) + "</td></tr>"
      }).join("")
      return (groups.length > 1 ? "<h3>" + data.ordinals[i] + "、" + escape(data.holders[group.holder].label) +
                                  "（" + group.duties.length + " 项）</h3>" : "") +
        (group.duties.length
          ? '<table class="zt-table"><thead><tr><th class="zt-num">序号</th><th class="zt-tick">完成</th>' +
            '<th>责任事项</th><th class="zt-rhythm">频次</th><th class="zt-evidence">佐证材料</th>' +
            '<th class="zt-source">依据</th></tr></thead><tbody>' + rows + "</tbody></table>"
          : "<p>所选条件下没有适用的责任事项。</p>")
    }).join("")
    var risks = ZT.risks(state)
    if (risks.length) {
      tables += "<h3>分管领域的廉政风险点（" + risks.length + " 项）</h3>" +
        '<table class="zt-table"><thead><tr><th class="zt-num">序号</th><th class="zt-tick">完成</th>' +
        '<th>风险点</th><th>防控措施</th><th class="zt-source">依据</th></tr></thead><tbody>' +
        risks.map(function (r, i) {
          return '<tr data-risk-id="' + escape(r.id) + '"><td class="zt-num">' + (i + 1) + "</td>" +
            '<td class="zt-tick"><span class="zt-box" aria-label="完成"></span></td>' +
            "<td><strong>" + escape(r.title) + "</strong><br>" + escape(r.text) + "</td>" +
            "<td>" + escape(r.measures) + "</td>" +
            '<td class="zt-source">' + escape(r.sources.join("；")) + "</td></tr>"
        }).join("") + "</tbody></table>"
    }
    return '<section class="zt-sheet">' +
      "<h2>责任清单：" + escape(level.short) + " · " + escape(role.short) + "</h2>" +
      '<p class="zt-meta">层级：' + escape(level.label) +
      (areaNames.length ? "；分管：" + escape(areaNames.join("、")) : "") +
      "；领域：" + escape(state.domains.join("、")) + "；共 " + count + " 项" +
      (risks.length ? "，廉政风险点 " + risks.length + " 个" : "") + "</p>" +
      '<p class="zt-fill">单位：<span class="zt-line"></span> 责任人：<span class="zt-line"></span></p>' +
      tables +
      '<div class="zt-sign"><p>责任人（签字）：<span class="zt-line"></span></p>' +
      '<p>日期：<span class="zt-line zt-short"></span>年<span class="zt-line zt-short"></span>月' +
      '<span class="zt-line zt-short"></span>日</p></div></section>'
  }

  function formState(form) {
    var level = ZT.checkedValues(form, "level")[0], role = ZT.checkedValues(form, "role")[0]
    if (!level || !role) return null
    var domains = form.querySelector('input[name="domains"]') ? ZT.checkedValues(form, "domains") : data.domains.slice()
    return {level: level, role: role, areas: ZT.checkedValues(form, "areas"), domains: domains, month: null}
  }

  function choose(state) {
    ZT.writeState(state)
    render(state)
  }

  function render(state) {
    root.innerHTML = renderForm(state) + (state ? renderSheet(state) : "")
    var form = root.querySelector("[data-zt-form]")
    form.addEventListener("change", function () {
      var next = formState(form)
      if (next) choose(next)
    })
    Array.prototype.forEach.call(root.querySelectorAll(".zt-reader-choice"), function (button) {
      button.addEventListener("click", function () { choose(ZT.fresh(button.dataset.level, button.dataset.role)) })
    })
    if (!state) return
    root.querySelector("[data-zt-print]").addEventListener("click", function () { window.print() })
    Array.prototype.forEach.call(root.querySelectorAll("[data-zt-download]"), function (button) {
      button.addEventListener("click", function () { download(state, button.dataset.ztDownload) })
    })
  }

  // --- the Word and Excel files ------------------------------------------------------------------------

  /* What the files list, in the pack's columns: 序号, 责任主体, 类别, 责任内容, 工作措施, 责任人, 时限; a member's
   * list ends with the risk points of the 分管 areas, as the pack's does. */
  function listModel(state) {
    return ZT.sections(state).map(function (group) {
      var person = group.holder === "collective" ? "领导班子（" + data.blank + "牵头）" : data.blank
      var rows = group.duties.map(function (d) { return [d.category, d.text, d.measures, person, d.deadline] })
      if (group.holder === "member") {
        rows = rows.concat(ZT.risks(state).map(function (r) {
          var area = ZT.byId(data.areas, r.area).name
          return ["廉政风险防控（" + area + "）", r.title + "：" + r.text, r.measures, person, data.riskDeadline]
        }))
      }
      return {label: sectionLabel(group.holder), rows: rows}
    })
  }

  /* The title's year is this year; its subject one domain by name, else 全面从严治党 (as the pack's). */
  function retitle(text, state) {
    var year = new Date().getFullYear()
    var subject = state.domains.length === 1 ? state.domains[0] : "全面从严治党"
    return text.replace(/\d{4}年度/, year + "年度").replace(/年度.*责任清单$/, "年度" + subject + "责任清单")
  }

  function elements(parent, ns, name) {
    return Array.prototype.filter.call(parent.childNodes, function (n) {
      return n.nodeType === 1 && n.namespaceURI === ns && n.localName === name
    })
  }

  /* A paragraph or cell reads `value`: the first text run gets it, other runs and line breaks go. */
  function setWordText(element, value) {
    var texts = element.getElementsByTagNameNS(W, "t")
    Array.prototype.slice.call(element.getElementsByTagNameNS(W, "br")).forEach(function (br) { br.remove() })
    Array.prototype.slice.call(texts, 1).forEach(function (t) { t.textContent = "" })
    texts[0].textContent = value
  }

  function fillWord(parts, state) {
    var doc = parse(parts["word/document.xml"])
    var body = doc.getElementsByTagNameNS(W, "body")[0]
    var paragraphs = elements(body, W, "p"), tables = elements(body, W, "tbl")
    var title = paragraphs[0], sample = tables[0]
    var heading = sample.previousElementSibling
    var after = tables[tables.length - 1].nextSibling
    var rows = elements(sample, W, "tr"), header = rows[0], row = rows[1]
    for (var node = heading; node !== after;) {
      var next = node.nextSibling
      body.removeChild(node)
      node = next
    }
    setWordText(title, retitle(title.textContent, state))
    listModel(state).forEach(function (section, i) {
      var h = heading.cloneNode(true)
      setWordText(h, data.ordinals[i] + "、" + section.label)
      var table = sample.cloneNode(true)
      elements(table, W, "tr").forEach(function (tr) { tr.remove() })
      table.appendChild(header.cloneNode(true))
      section.rows.forEach(function (values, j) {
        var tr = row.cloneNode(true)
        elements(tr, W, "tc").forEach(function (tc, k) { setWordText(tc, String(k ? values[k - 1] : j + 1)) })
        table.appendChild(tr)
      })
      body.insertBefore(h, after)
      body.insertBefore(table, after)
    })
    parts["word/document.xml"] = serialize(doc)
  }

  function column(index) {
    return String.fromCharCode(65 + index)
  }

  /* A cell's text whether the workbook keeps it inline or in the shared-string table. */
  function cellText(cell, shared) {
    if (cell.getAttribute("t") === "s") {
      var index = Number(cell.getElementsByTagNameNS(S, "v")[0].textContent)
      return shared[index]
    }
    return Array.prototype.map.call(cell.getElementsByTagNameNS(S, "t"), function (t) { return t.textContent }).join("")
  }

  /* Write a value into a cell as the builder's own: numbers as numbers, text inline (no shared table to keep). */
  function setCell(cell, value) {
    var doc = cell.ownerDocument
    while (cell.firstChild) cell.removeChild(cell.firstChild)
    if (typeof value === "number") {
      cell.removeAttribute("t")
      cell.appendChild(doc.createElementNS(S, "v")).textContent = String(value)
      return
    }
    cell.setAttribute("t", "inlineStr")
    var t = cell.appendChild(doc.createElementNS(S, "is")).appendChild(doc.createElementNS(S, "t"))
    t.setAttributeNS("http://www.w3.org/XML/1998/namespace", "xml:space", "preserve")
    t.textContent = String(value)
  }

  function sharedStrings(parts) {
    var xml = parts["xl/sharedStrings.xml"]
    if (!xml) return []
    return elements(parse(xml).documentElement, S, "si").map(function (si) {
      return Array.prototype.map.call(si.getElementsByTagNameNS(S, "t"), function (t) { return t.textContent }).join("")
    })
  }

  function fillExcel(parts, state) {
    var path = "xl/worksheets/sheet1.xml"
    var doc = parse(parts[path])
    var shared = sharedStrings(parts)
    var sheetData = doc.getElementsByTagNameNS(S, "sheetData")[0]
    var rows = elements(sheetData, S, "row"), sample = rows[2]
    rows.slice(2).forEach(function (r) { r.remove() })
    var title = elements(rows[0], S, "c")[0]
    setCell(title, retitle(cellText(title, shared), state))
    var number = 0
    listModel(state).forEach(function (section) {
      section.rows.forEach(function (values) {
        number += 1
        var r = number + 2, row = sample.cloneNode(true)
        row.setAttribute("r", r)
        var cells = [number, section.label].concat(values)
        elements(row, S, "c").forEach(function (c, k) {
          c.setAttribute("r", column(k) + r)
          setCell(c, cells[k])
        })
        sheetData.appendChild(row)
      })
    })
    var dimension = doc.getElementsByTagNameNS(S, "dimension")[0]
    dimension.setAttribute("ref", "A1:" + column(elements(sample, S, "c").length - 1) + Math.max(number + 2, 2))
    parts[path] = serialize(doc)
  }

  function parse(bytes) {
    return new DOMParser().parseFromString(new TextDecoder().decode(bytes), "application/xml")
  }

  function serialize(doc) {
    var xml = new XMLSerializer().serializeToString(doc)
    if (xml.indexOf("<?xml") !== 0) xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml
    return new TextEncoder().encode(xml)
  }

  function template(kind) {
    var binary = atob(files[kind]), bytes = new Uint8Array(binary.length)
    for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
    return window.fflate.unzipSync(bytes)
  }

  function download(state, kind) {
    var parts = template(kind)
    ;(kind === "docx" ? fillWord : fillExcel)(parts, state)
    var level = ZT.byId(data.levels, state.level), role = ZT.byId(data.roles, state.role)
    var blob = new Blob([window.fflate.zipSync(parts, {level: 6})], {type: TYPES[kind]})
    var link = document.createElement("a")
    link.href = URL.createObjectURL(blob)
    link.download = "责任清单-" + level.short + "-" + role.short + "." + kind
    document.body.appendChild(link)
    link.click()
    link.remove()
    setTimeout(function () { URL.revokeObjectURL(link.href) }, 60000)
  }

  render(ZT.readState())
  window.addEventListener("hashchange", function () { render(ZT.readState()) })
})()
