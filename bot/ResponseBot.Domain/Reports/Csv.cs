using System.Globalization;
using System.Text;

namespace ResponseBot.Domain.Reports;

/// <summary>
/// RFC 4180 CSV as spreadsheets open it: UTF-8 with a byte-order mark (so Excel reads names with accents), CRLF lines, fields
/// quoted when they need it. A text field that a spreadsheet would take for a formula (=, +, -, @, tab, CR) is prefixed
/// with an apostrophe: names come from Teams profiles, which anyone in the tenant may edit.
/// </summary>
public sealed class Csv
{
    private readonly StringBuilder _text = new();

    public Csv(params string[] header) => Row(header);

    public Csv Row(params object?[] fields)
    {
        _text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    public override string ToString() => _text.ToString();

    private static string Field(object? value)
    {
        var text = value switch
        {
            null => "",
            string s => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s,
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            var other => other.ToString() ?? "",
        };
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
