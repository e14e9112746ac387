// The shape every bench section reports, so the bench runner can print and compare them alike.

export interface BenchFigure {
  readonly label: string;
  readonly value: number;
  readonly unit: string;
}

export interface BenchSection {
  readonly name: string;
  readonly figures: ReadonlyArray<BenchFigure>;
  readonly notes?: ReadonlyArray<string>;
}
