"""GraphQL shape of cases on the map: cells of the grid with their counts."""

from __future__ import annotations

import strawberry
from grassroots_kit import geo
from grassroots_kit.graphql.geo import GeoPoint

from grassroots_cases.domain import places


@strawberry.type(description="A box between two parallels and two meridians (WGS-84 degrees).")
class GeoBounds:
    south: float = strawberry.field(description="Southern edge (latitude).")
    west: float = strawberry.field(description="Western edge (longitude).")
    north: float = strawberry.field(description="Northern edge (latitude).")
    east: float = strawberry.field(description="Eastern edge (longitude).")

    @classmethod
    def from_box(cls, box: geo.BoundingBox) -> GeoBounds:
        return cls(south=box.south, west=box.west, north=box.north, east=box.east)


@strawberry.type(description="A square of the map grid: its id, centre and edges.")
class MapCell:
    id: strawberry.ID = strawberry.field(
        description="`<size in micro-degrees>:<row>:<column>`, stable for a precision."
    )
    centre: GeoPoint = strawberry.field(description="The cell's centre (not any case's place).")
    bounds: GeoBounds = strawberry.field(description="The cell's edges.")

    @classmethod
    def from_cell(cls, cell: geo.Cell) -> MapCell:
        return cls(
            id=strawberry.ID(cell.id),
            centre=GeoPoint.from_point(cell.centre),
            bounds=GeoBounds.from_box(cell.bounds),
        )


@strawberry.type(description="How many placed cases one map cell holds.")
class CaseCell:
    cell: MapCell = strawberry.field(description="The cell.")
    count: int = strawberry.field(description="Placed cases in it.")

    @classmethod
    def from_domain(cls, c: places.CellCount) -> CaseCell:
        return cls(cell=MapCell.from_cell(c.cell), count=c.count)


@strawberry.type(
    description="A coarse cell (about 5 km) of the public board: a count, never a place."
)
class PublicBoardCell:
    cell: MapCell = strawberry.field(description="The cell.")
    collected: int | None = strawberry.field(
        description="Placed cases reported in it; null when suppressed."
    )
    suppressed: bool = strawberry.field(description="True when the count is withheld.")

    @classmethod
    def from_domain(cls, c: places.PublicCell) -> PublicBoardCell:
        return cls(cell=MapCell.from_cell(c.cell), collected=c.count, suppressed=c.suppressed)
