"""Reading files: YAML case files with line marks, schema shape checks, the project's paths.

The lowest layer. Nothing here knows what a learning review means; it knows where a value
stands in a file, so every layer above can point a lead at the line to fix.
"""
