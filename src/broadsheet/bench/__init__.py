"""Scoring against ground truth: body-text F1 (article-extraction-benchmark metric) and
per-field metadata accuracy."""
