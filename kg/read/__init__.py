"""Stage 1, read: files and folders → `kg.records.Article` (id, body, publication date, outlet, url).

Takes in `.txt` files (with or without a `key: value` header), `.jsonl` and `.jsonl.gz` files
(extensions in any case); hands on one Article per readable article, one `ArticleError` (file,
line, cause: one line) per unreadable one, and one `IgnoredFile` per other file in a folder.
Imports only the bottom layer (`kg.arabic`, `kg.records`, `kg.paths`).
"""
