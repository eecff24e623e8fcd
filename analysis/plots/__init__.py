"""Seaborn figures for the notebooks: the only place in the package that imports matplotlib.

One module per analysis (``corpus``, ``key_terms``, ``sentiment``, ``topics``); every function
takes a result table, draws one titled, labelled figure and returns its matplotlib ``Axes`` or
seaborn grid.
"""
