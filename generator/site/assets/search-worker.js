/* 责任田 search worker.
 *
 * Speaks Material's search worker protocol (SETUP → READY, QUERY → RESULT), so Material's
 * search box and result list stay as they are; only the matching differs. Text is matched on
 * overlapping character pairs (bigrams) instead of words, so a fragment inside a word (执照 in
 * 营业执照) and a phrase typed without spaces (约谈下级主要负责人) match like whole words do.
 * Ranking: BM25 over the bigrams, a bonus where a query term appears verbatim (most in a
 * title), scaled by the share of the query a section covers.
 *
 * A term also stands for its synonyms (content/synonyms.yaml, in the index's config): 村支书 finds
 * 村党组织书记. The answer says whether any page holds the whole query (each term, or a synonym,
 * verbatim); when none does, the page script says so above the partial matches.
 *
 * Runs as a Web Worker, or inside the iframe-worker shim when the site is opened from file://.
 */
"use strict"

var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
var K1 = 1.2, B = 0.75                     // BM25 constants
var TITLE_GRAM = 2, PHRASE = 1, TITLE_PHRASE = 4, TITLE_EXACT = 4
var MIN_COVERAGE = 0.5                     // share of the query's weight a section must contain
var MAX_PAGES = 60
var CONTEXT = 40                           // characters shown before the first match
var SEPARATOR = /[\s\u3000、。，．,.？?！!；;：:“”"'‘’（）()《》<>\[\]【】{}|\-—…·*+~^]+/

var INDEX_SCRIPT = "../../search/search_index.js"  // the index, when the page hands over none (see search.py)

var docs = []                              // {location, page, title, text, titleFold, titleBare, length}
var corpus = ""                            // every folded text, joined by \u0000
var starts = []                            // where each doc begins in corpus
var averageLength = 1
var cache = new Map()                      // gram → {text: Map(doc → count), title: Set(doc)}
var synonyms = []                          // groups of folded words
var byLocation = new Map()                 // location → doc

/* Compare full-width letters and digits as ASCII, and ignore case; keeps string length. */
function fold(value) {
  return value.replace(/[\uff01-\uff5e]/g, function (c) {
    return String.fromCharCode(c.charCodeAt(0) - 0xfee0)
  }).toLowerCase()
}

/* A title without its bracketed alternatives: 村（社区）党组织书记 is also the title 村党组织书记. */
function bare(title) {
  return title.replace(/[（(][^（()）]*[)）]/g, "")
}

function setup(index) {
  var parts = [], offset = 0, total = 0
  starts = []
  synonyms = (index.config.synonyms || []).map(function (words) { return words.map(fold) })
  docs = index.docs.map(function (doc) {
    var text = fold(doc.text)
    starts.push(offset)
    parts.push(text)
    offset += text.length + 1
    total += text.length
    return {
      location: doc.location, page: doc.location.split("#")[0], title: doc.title, text: doc.text,
      titleFold: fold(doc.title), titleBare: bare(fold(doc.title)), length: text.length
    }
  })
  corpus = parts.join("\u0000")
  byLocation = new Map(docs.map(function (d, i) { return [d.location, i] }))
  averageLength = Math.max(1, total / Math.max(1, docs.length))
  cache.clear()
}

/* The doc a corpus offset falls in. */
function docAt(position) {
  var low = 0, high = starts.length - 1
  while (low < high) {
    var mid = (low + high + 1) >> 1
    if (starts[mid] <= position) low = mid
    else high = mid - 1
  }
  return low
}

/* Where a string occurs: counts per doc in the text, and the docs whose title has it. */
function hits(piece) {
  var found = cache.get(piece)
  if (found) return found
  var text = new Map(), title = new Set()
  for (var at = corpus.indexOf(piece); at !== -1; at = corpus.indexOf(piece, at + 1)) {
    var doc = docAt(at)
    text.set(doc, (text.get(doc) || 0) + 1)
  }
  for (var i = 0; i < docs.length; i++)
    if (docs[i].titleFold.indexOf(piece) !== -1 || docs[i].titleBare.indexOf(piece) !== -1) title.add(i)
  found = {text: text, title: title}
  cache.set(piece, found)
  return found
}

function grams(term) {
  if (term.length <= 2) return [term]
  var seen = new Set()
  for (var i = 0; i + 2 <= term.length; i++) seen.add(term.slice(i, i + 2))
  return Array.from(seen)
}

function idf(df) {
  return Math.log(1 + (docs.length - df + 0.5) / (df + 0.5))
}

/* Score every doc for one spelling of a term: per doc its score and the weight of the term's bigrams it
 * holds, and the term's total weight (0: nowhere in the site). */
function scoreSpelling(term) {
  var scores = new Float64Array(docs.length), matched = new Float64Array(docs.length), weight = 0
  grams(term).forEach(function (gram) {
    var found = hits(gram)
    var uniqueDocs = new Set(found.text.keys())
    found.title.forEach(function (doc) { uniqueDocs.add(doc) })
    if (!uniqueDocs.size) return
    var w = idf(uniqueDocs.size)
    weight += w
    found.text.forEach(function (count, doc) {
      var norm = K1 * (1 - B + B * docs[doc].length / averageLength)
      scores[doc] += w * count * (K1 + 1) / (count + norm)
    })
    found.title.forEach(function (doc) { scores[doc] += w * TITLE_GRAM })
    uniqueDocs.forEach(function (doc) { matched[doc] += w })
  })
  if (weight && term.length > 1) {
    var phrase = hits(term)
    phrase.text.forEach(function (count, doc) { scores[doc] += weight * PHRASE })
    phrase.title.forEach(function (doc) {
      // the more of the title the term is, the more the section is about it (民主集中制 for 集中制)
      var title = docs[doc].titleBare || docs[doc].titleFold
      var exact = docs[doc].titleFold === term || title === term
      scores[doc] += weight * (exact ? TITLE_PHRASE + TITLE_EXACT : TITLE_PHRASE * (0.5 + term.length / title.length))
    })
  }
  return {scores: scores, matched: matched, weight: weight}
}

/* A term and the same term with a synonym in place of the longest group word it contains. */
function spellings(term) {
  var found = [term]
  synonyms.forEach(function (words) {
    var inside = words.filter(function (w) { return term.indexOf(w) !== -1 })
      .sort(function (a, b) { return b.length - a.length })[0]
    if (inside) words.forEach(function (w) { if (w !== inside) found.push(term.replace(inside, w)) })
  })
  return Array.from(new Set(found))
}

/* Score every doc for one query term, as the best of its spellings (each scaled to the heaviest one);
 * returns the term's weight (0: no spelling anywhere in the site). */
function scoreTerm(term, scores, matched) {
  var scored = spellings(term).map(scoreSpelling).filter(function (r) { return r.weight })
  if (!scored.length) return 0
  var weight = Math.max.apply(null, scored.map(function (r) { return r.weight }))
  for (var doc = 0; doc < docs.length; doc++) {
    var best = 0, share = 0
    scored.forEach(function (r) {
      best = Math.max(best, r.scores[doc] * weight / r.weight)
      share = Math.max(share, r.matched[doc] / r.weight)
    })
    scores[doc] += best
    matched[doc] += share * weight
  }
  return weight
}

/* Whether some section holds every term, each verbatim in one of its spellings. */
function holdsWhole(terms) {
  var docsOf = terms.map(function (term) {
    var all = new Set()
    spellings(term).forEach(function (spelling) {
      var found = hits(spelling)
      found.text.forEach(function (_, doc) { all.add(doc) })
      found.title.forEach(function (doc) { all.add(doc) })
    })
    return all
  })
  return docsOf.length > 0 && Array.from(docsOf[0]).some(function (doc) {
    return docsOf.every(function (set) { return set.has(doc) })
  })
}

/* Marks every occurrence of the pieces in `value`, HTML-escaped. */
function highlight(value, pieces) {
  var folded = fold(value), marked = new Uint8Array(value.length)
  pieces.forEach(function (piece) {
    for (var at = folded.indexOf(piece); at !== -1; at = folded.indexOf(piece, at + 1))
      marked.fill(1, at, at + piece.length)
  })
  var out = "", open = false
  for (var i = 0; i < value.length; i++) {
    if (marked[i] && !open) { out += "<mark data-md-highlight>"; open = true }
    if (!marked[i] && open) { out += "</mark>"; open = false }
    var c = value[i]
    out += c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === "&" ? "&amp;" : c === "\"" ? "&quot;" : c
  }
  return open ? out + "</mark>" : out
}

/* What to mark in one doc: a term where it appears whole, else those of its bigrams that appear;
 * and its synonyms where they appear whole (their bigrams alone would mark unrelated words). */
function piecesIn(doc, terms) {
  var haystack = docs[doc].titleFold + "\u0000" + fold(docs[doc].text)
  var pieces = []
  terms.forEach(function (term) {
    if (haystack.indexOf(term) !== -1) pieces.push(term)
    else grams(term).forEach(function (g) { if (haystack.indexOf(g) !== -1) pieces.push(g) })
    spellings(term).slice(1).forEach(function (s) { if (haystack.indexOf(s) !== -1) pieces.push(s) })
  })
  return pieces
}

function excerpt(text, pieces) {
  var folded = fold(text), first = -1
  pieces.forEach(function (piece) {
    var at = folded.indexOf(piece)
    if (at !== -1 && (first === -1 || at < first)) first = at
  })
  var start = Math.max(0, first - CONTEXT)
  var shown = text.slice(start, start + CONTEXT * 4)
  return (start > 0 ? "…" : "") + highlight(shown, pieces) + (start + CONTEXT * 4 < text.length ? "…" : "")
}

/* One result; `marks` says which terms it holds (Material lists those a result lacks). */
function item(doc, score, terms) {
  var pieces = piecesIn(doc, terms), marks = {}
  terms.forEach(function (term) {
    marks[term] = spellings(term).some(function (spelling) {
      return grams(spelling).some(function (g) { return pieces.some(function (p) { return p.indexOf(g) !== -1 }) })
    })
  })
  return {
    location: docs[doc].location, title: highlight(docs[doc].title, pieces),
    text: docs[doc].text ? "<p>" + excerpt(docs[doc].text, pieces) + "</p>" : "", score: score, terms: marks
  }
}

function search(query) {
  var terms = fold(query).split(SEPARATOR).filter(Boolean)
  var scores = new Float64Array(docs.length), matched = new Float64Array(docs.length), total = 0
  terms.forEach(function (term) { total += scoreTerm(term, scores, matched) })
  if (!total) return {items: [], query: query, whole: false}

  var pages = new Map()
  for (var doc = 0; doc < docs.length; doc++) {
    var coverage = matched[doc] / total
    if (!scores[doc] || coverage < MIN_COVERAGE) continue
    var score = scores[doc] * coverage * coverage
    var page = pages.get(docs[doc].page)
    if (!page) pages.set(docs[doc].page, page = {best: 0, docs: []})
    page.best = Math.max(page.best, score)
    page.docs.push([doc, score])
  }
  var ranked = Array.from(pages.entries())
    .sort(function (a, b) { return b[1].best - a[1].best })
    .slice(0, MAX_PAGES)
  return {
    items: ranked.map(function (entry) {
      var group = entry[1].docs
        .sort(function (a, b) { return b[1] - a[1] })
        .map(function (pair) { return item(pair[0], pair[1], terms) })
      // Material renders each group under its page: the page itself must be in the group.
      if (!group.some(function (i) { return i.location === entry[0] }) && byLocation.has(entry[0])) {
        var article = docs[byLocation.get(entry[0])]
        group.push({location: article.location, title: article.title, text: "", score: 0, terms: {}})
      }
      return group
    }),
    query: query,
    whole: holdsWhole(terms)
  }
}

addEventListener("message", function (event) {
  var message = event.data
  if (message.type === SETUP) {
    if (!message.data.docs.length) importScripts(INDEX_SCRIPT)  // defines __index
    setup(message.data.docs.length ? message.data : __index)
    postMessage({type: READY})
  } else if (message.type === QUERY) {
    postMessage({type: RESULT, data: search(message.data)})
  }
})
