"""The offline demo: the main job on bundled sample pages (`make demo`)."""
