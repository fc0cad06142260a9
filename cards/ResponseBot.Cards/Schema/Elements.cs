using System.Text.Json.Serialization;

namespace ResponseBot.Cards.Schema;

// A typed subset of Adaptive Cards 1.5: only what our cards use, so a typo can't compile.

[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextBlock), "TextBlock")]
[JsonDerivedType(typeof(RichTextBlock), "RichTextBlock")]
[JsonDerivedType(typeof(Container), "Container")]
[JsonDerivedType(typeof(ColumnSet), "ColumnSet")]
[JsonDerivedType(typeof(ActionSet), "ActionSet")]
[JsonDerivedType(typeof(TextInput), "Input.Text")]
[JsonDerivedType(typeof(ChoiceSetInput), "Input.ChoiceSet")]
[JsonDerivedType(typeof(DateInput), "Input.Date")]
[JsonDerivedType(typeof(TimeInput), "Input.Time")]
[JsonDerivedType(typeof(FactSet), "FactSet")]
[JsonDerivedType(typeof(Table), "Table")]
[JsonDerivedType(typeof(VerticalBarChart), "Chart.VerticalBar")]
[JsonDerivedType(typeof(LineChart), "Chart.Line")]
[JsonDerivedType(typeof(DonutChart), "Chart.Donut")]
public abstract record Element
{
    public string? Id { get; init; }
    public string? Spacing { get; init; }
    public bool? Separator { get; init; }
}

/// <summary>Markdown-capable text: only ever for text we wrote ourselves.</summary>
public sealed record TextBlock(string Text) : Element
{
    public bool? Wrap { get; init; } = true;
    public string? Weight { get; init; }
    public string? Size { get; init; }
    public string? Color { get; init; }
    public bool? IsSubtle { get; init; }
}

/// <summary>Text that is never parsed as markdown: the only place public text may go.</summary>
public sealed record RichTextBlock(IReadOnlyList<TextRun> Inlines) : Element;

public sealed record TextRun(string Text)
{
    [JsonPropertyOrder(-1)]
    public string Type => "TextRun";
    public string? Weight { get; init; }
    public bool? Italic { get; init; }
    public bool? IsSubtle { get; init; }
    public string? Color { get; init; }
    public string? Size { get; init; }
}

public sealed record Container(IReadOnlyList<Element> Items) : Element
{
    public string? Style { get; init; }
}

public sealed record ColumnSet(IReadOnlyList<Column> Columns) : Element;

public sealed record Column(IReadOnlyList<Element> Items)
{
    [JsonPropertyOrder(-1)]
    public string Type => "Column";
    public string? Width { get; init; }
}

public sealed record ActionSet(IReadOnlyList<CardAction> Actions) : Element;

public sealed record TextInput : Element
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public string? Placeholder { get; init; }
    public bool? IsMultiline { get; init; }
    public int? MaxLength { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record ChoiceSetInput : Element
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public IReadOnlyList<Choice> Choices { get; init; } = [];
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

public sealed record Choice(string Title, string Value);

/// <summary>A date picker; the value is ISO yyyy-MM-dd.</summary>
public sealed record DateInput : Element
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}

/// <summary>A time picker; the value is 24-hour HH:mm.</summary>
public sealed record TimeInput : Element
{
    public string? Label { get; init; }
    public string? Value { get; init; }
    public bool? IsRequired { get; init; }
    public string? ErrorMessage { get; init; }
}
