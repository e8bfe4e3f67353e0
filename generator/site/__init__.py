"""Stage 3 (site): the knowledge site, built from a KnowledgeBase with mkdocs-material.

pages.py writes markdown from the knowledge base, export.py the checklist builder's data,
search.py the search index our worker reads, build.py runs mkdocs on all of it.
"""
