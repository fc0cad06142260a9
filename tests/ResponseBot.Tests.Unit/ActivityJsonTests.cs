using System.Text.Json;
using System.Text.Json.Nodes;
using ResponseBot.Teams.Activities;

namespace ResponseBot.Tests.Unit;

public sealed class ActivityJsonTests
{
    private static string Serialize(string text) => JsonSerializer.Serialize(new Activity { Type = "message", Text = text }, ActivityJson.Options);

    [Theory]
    [InlineData("Diolch yn fawr – ŵyr, café, Łódź")]
    [InlineData("Bins not collected 😡🗑️ on Mill Lane 👍🏽")]
    [InlineData("<b>Tom & Jerry</b> 'quoted' +1 `code`")]
    public void Text_goes_out_as_itself_and_reads_back_the_same(string text)
    {
        var json = Serialize(text);
        Assert.Contains(text, json);
        Assert.Equal(text, JsonNode.Parse(json)!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Quotes_backslashes_and_control_characters_are_escaped_as_JSON_requires()
    {
        var text = "say \"hi\" \\ then\nnew line\ttab\u0001bell";
        var json = Serialize(text);
        Assert.Contains("say \\\"hi\\\" \\\\ then\\nnew line\\ttab\\u0001bell", json);
        Assert.Equal(text, JsonNode.Parse(json)!["text"]!.GetValue<string>());
    }

    [Fact]
    public void An_unpaired_surrogate_never_reaches_the_wire_as_invalid_UTF8()
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(new Activity { Type = "message", Text = "cut mid emoji \uD83D" }, ActivityJson.Options);
        var text = JsonNode.Parse(json)!["text"]!.GetValue<string>();
        Assert.StartsWith("cut mid emoji ", text);
        Assert.DoesNotContain('\uD83D', text);
    }

    [Fact]
    public void A_card_in_Welsh_with_emoji_is_no_bigger_on_the_wire_than_its_UTF8_text_needs()
    {
        var text = string.Concat(Enumerable.Repeat("Ŵyr 😀 ", 200));
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new Activity { Type = "message", Text = text }, ActivityJson.Options);
        Assert.True(bytes.Length < System.Text.Encoding.UTF8.GetByteCount(text) + 100, $"{bytes.Length} bytes");
    }
}
