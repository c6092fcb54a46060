# Build tags every Hearth build uses. go-sqlite3 gets full-text search (FTS5),
# secure delete (freed pages are zeroed) and no extension loading.
# shellcheck shell=bash
SQLITE_TAGS="sqlite_fts5 sqlite_secure_delete sqlite_omit_load_extension"
export SQLITE_TAGS
