using ResponseBot.Cards.Schema;
using static ResponseBot.Cards.CardText;

namespace ResponseBot.Cards;

/// <summary>Tables for the report cards, and the charts drawn from them: each chart falls back to the table of its numbers.</summary>
internal static class ReportTables
{
    /// <summary>
    /// A header row and one row per line. With <paramref name="names"/>, the first column holds people's names, which come from
    /// their Teams profiles, so it is drawn as TextRuns; the rest is our own text (labels, numbers), in plain TextBlocks.
    /// </summary>
    public static Table Of(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, bool names, params int[] widths) =>
        new(widths.Select(w => new TableColumn(w)).ToList(),
            [new TableRow(header.Select(h => Cell(new TextBlock(h) { Weight = "Bolder" })).ToList()),
             .. rows.Select(r => new TableRow(r.Select((c, i) => Cell(names && i == 0 ? Plain(c) : new TextBlock(c))).ToList()))]);

    public static TextBlock Heading(string text) => new(text) { Weight = "Bolder", Separator = true, Spacing = "Medium" };

    private static TableCell Cell(Element content) => new([content]);
}
