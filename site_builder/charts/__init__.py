"""Stage 4, charts: their ECharts options from the model, drawing them to SVG in Node,
preview images and the fonts they use."""
