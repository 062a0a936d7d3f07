"""Loaders of the keji warehouse: read -> decode -> clean -> extract -> land.

Pure steps live in `decode`, `clean`, `numerals`, `extract`, `region`, `period`;
`corpus` reads files and `pipeline` runs the steps per file, recording problems.
"""
