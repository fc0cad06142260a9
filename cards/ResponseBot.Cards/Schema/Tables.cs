using System.Text.Json.Serialization;

namespace ResponseBot.Cards.Schema;

/// <summary>Label and value pairs: only text we wrote ourselves (hosts read facts as markdown).</summary>
public sealed record FactSet(IReadOnlyList<Fact> Facts) : Element;

public sealed record Fact(string Title, string Value);

/// <summary>An Adaptive Cards 1.5 table; the first row is its header unless said otherwise.</summary>
public sealed record Table(IReadOnlyList<TableColumn> Columns, IReadOnlyList<TableRow> Rows) : Element
{
    public bool? FirstRowAsHeader { get; init; }
    public bool? ShowGridLines { get; init; }
}

/// <summary>A column's share of the table's width, relative to the others.</summary>
public sealed record TableColumn(int Width);

public sealed record TableRow(IReadOnlyList<TableCell> Cells)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TableRow";
}

public sealed record TableCell(IReadOnlyList<Element> Items)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TableCell";
}
