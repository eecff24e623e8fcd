"""Seaborn figures for the notebooks: the only place in the package that imports matplotlib.

One module per family (``corpus``, ``key_terms``, ``sentiment``, ``topics``, ``discourse``,
``comparison``). Every function has the same shape::

    figure(data, *, ax=None, title=None, ...) -> matplotlib.axes.Axes

- It takes a result table first, checks it (one message shape, :mod:`analysis._checks`), draws
  into ``ax`` (or into a new figure) and returns that one ``Axes``. Figures that compare groups
  (``top_terms(by=...)``, ``sentiment_drivers``, ``keyness_terms``, ``sentiment_arc``) draw
  them side by side in that one ``Axes``, as blocks or series on a shared axis, never as a grid
  of panels, so every figure can be placed in a layout of the caller's choosing.
- ``title=None`` gives a default title; any title, and every label taken from data, is drawn
  literally (``$`` is not mathtext; :func:`analysis.plots._base.plain_text`).
- "How many rows" is ``top=``; groups are levels, ``by="voice" | "speaker" | "document"``.
- Bounded by design: no figure is larger than 2,000 px on either side at the report's dpi,
  whatever the corpus. Past a fixed number of rows, groups or labels a figure shows the largest
  ones, aggregates, or leaves names to the table, and its title or axis says so
  (:mod:`analysis.plots._base`).
- Voices have one colour everywhere (:data:`analysis.plots._base.VOICE_COLOURS`); sentiment's
  neutral band is ``±analysis.sentiment.THRESHOLD``.
"""
