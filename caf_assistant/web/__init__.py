"""Demo web server for the embeddable chat widget (widget/): partner demo pages and source sheets."""
