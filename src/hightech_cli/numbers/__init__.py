"""Numbers as Chinese text writes them: one grammar (``numerals``) read two ways.

``amounts.parse_amount`` reads what a user types as a bound (``--min-invest 2亿``);
``quantities.parse_quantity`` reads a figure as an article writes it (``1600余家``, ``超2亿元``).
Extraction reads figures in running text with the same grammar. Standard library only.
"""
