/** Where the stations of the level map go, for any screen shape: a winding path, row by row. */
export interface Point {
  readonly x: number;
  readonly y: number;
}

export interface Area {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface MapLayout {
  readonly points: readonly Point[];
  readonly radius: number;
  readonly cellWidth: number;
}

export function mapLayout(count: number, area: Area): MapLayout {
  const cols = Math.max(2, Math.min(5, Math.floor(area.width / 150), count));
  const rows = Math.ceil(count / cols);
  const cellWidth = area.width / cols;
  const cellHeight = area.height / rows;
  const radius = Math.max(22, Math.min(36, cellHeight * 0.26, cellWidth * 0.3));
  const points: Point[] = [];
  for (let i = 0; i < count; i++) {
    const row = Math.floor(i / cols);
    const inRow = i % cols;
    const col = row % 2 === 0 ? inRow : cols - 1 - inRow;
    // A gentle wave so the path reads as a trail, not a table.
    const wave = (col % 2 === 0 ? -1 : 1) * Math.min(10, cellHeight * 0.06);
    points.push({
      x: area.x + cellWidth * (col + 0.5),
      y: area.y + cellHeight * (row + 0.4) + wave,
    });
  }
  return { points, radius, cellWidth };
}
