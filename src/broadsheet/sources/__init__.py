"""Things that yield `Page`s: files and folders, URL lists, WARC archives, the web."""
