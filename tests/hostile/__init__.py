"""Hostile input: bombs, lies, special files and abuse, each costing one counted record or one clear error."""
