using System.Text;
using ResponseBot.Domain.Reports;

namespace ResponseBot.Tests.Unit;

public sealed class CsvTests
{
    [Fact]
    public void Csv_quotes_what_needs_it_keeps_formulas_inert_and_opens_in_excel_as_utf8()
    {
        var bytes = new Csv("name", "hours", "note").Row("Siân O'Neil, Jr", 12.5, "said \"hi\"\nthen left").Row("=HYPERLINK(\"x\")", -3, "@everyone").ToBytes();

        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        Assert.Equal(
            "name,hours,note\r\n" +
            "\"Siân O'Neil, Jr\",12.5,\"said \"\"hi\"\"\nthen left\"\r\n" +
            "\"'=HYPERLINK(\"\"x\"\")\",-3,'@everyone\r\n",
            Encoding.UTF8.GetString(bytes[3..]));
    }
}
