"""Stage 1, read: files and folders → `kg.records.Article` (id, body, publication date, outlet, url).

Takes in `.txt` files (with or without a `key: value` header) and `.jsonl` files; hands on one
Article per readable article and one `ArticleError` (file and cause, one line) per unreadable one.
Imports only the bottom layer (`kg.arabic`, `kg.records`, `kg.paths`).
"""
