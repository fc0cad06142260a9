using Microsoft.Extensions.Options;
using ResponseBot.Domain.Paging;
using ResponseBot.Paging;

namespace ResponseBot.Tests.Unit;

/// <summary>Paging is off unless configured, and a channel configured half-way is refused at start, naming what is missing.</summary>
public sealed class PagingOptionsTests
{
    private static ValidateOptionsResult Validate(PagingOptions o, bool development = false) => new PagingValidation(development).Validate(null, o);

    private static PagingOptions Email() => new() { From = "ResponseBot <rb@council.gov.uk>", Smtp = { Host = "smtp.council.gov.uk", User = "rb", Password = "pw" } };

    private static PagingOptions Sms() => new() { Sms = { AccountSid = "AC123", AuthToken = "token", From = "+447700900999" } };

    [Fact]
    public void Nothing_configured_is_paging_off()
    {
        Assert.True(Validate(new PagingOptions()).Succeeded);
        Assert.Empty(PagingValidation.Channels(new PagingOptions()));
    }

    [Fact]
    public void Each_channel_fully_configured_is_on()
    {
        Assert.True(Validate(Email()).Succeeded);
        Assert.Equal([PageChannel.Email], PagingValidation.Channels(Email()));
        Assert.True(Validate(Sms()).Succeeded);
        Assert.Equal([PageChannel.Sms], PagingValidation.Channels(Sms()));
    }

    [Theory]
    [InlineData("Host", "Paging:Smtp:Host is not set")]
    [InlineData("From", "Paging:From is not set")]
    [InlineData("Password", "Paging:Smtp:Password is not set")]
    [InlineData("User", "Paging:Smtp:User is not set")]
    public void Email_half_configured_is_refused_naming_the_missing_key(string missing, string message)
    {
        var o = Email();
        switch (missing)
        {
            case "Host": o.Smtp.Host = null; break;
            case "From": o.From = " "; break;
            case "Password": o.Smtp.Password = null; break;
            case "User": o.Smtp.User = null; break;
        }
        Assert.Contains(message, Validate(o).FailureMessage);
    }

    [Theory]
    [InlineData("AccountSid")]
    [InlineData("AuthToken")]
    [InlineData("From")]
    public void Sms_half_configured_is_refused_naming_the_missing_key(string missing)
    {
        var o = Sms();
        typeof(SmsOptions).GetProperty(missing)!.SetValue(o.Sms, null);
        Assert.Contains($"Paging:Sms:{missing} is not set", Validate(o).FailureMessage);
    }

    [Fact]
    public void Bad_values_are_refused()
    {
        var from = Email();
        from.From = "not an address";
        Assert.Contains("Paging:From is not an e-mail address", Validate(from).FailureMessage);
        var clear = Email();
        clear.Smtp.Security = SmtpSecurity.None;
        Assert.Contains("in the clear", Validate(clear).FailureMessage);
        Assert.True(Validate(clear, development: true).Succeeded);
        var number = Sms();
        number.Sms.From = "07700 900999";
        Assert.Contains("Paging:Sms:From must be a number in E.164", Validate(number).FailureMessage);
        var url = Sms();
        url.Sms.BaseUrl = "http://127.0.0.1:5000/";
        Assert.Contains("Paging:Sms:BaseUrl", Validate(url).FailureMessage);
        Assert.True(Validate(url, development: true).Succeeded);
    }

    [Fact]
    public void Ports_follow_the_security_unless_set()
    {
        Assert.Equal(587, new SmtpOptions().PortOrDefault);
        Assert.Equal(465, new SmtpOptions { Security = SmtpSecurity.SslOnConnect }.PortOrDefault);
        Assert.Equal(25, new SmtpOptions { Security = SmtpSecurity.None }.PortOrDefault);
        Assert.Equal(2525, new SmtpOptions { Port = 2525 }.PortOrDefault);
    }

    [Fact]
    public async Task Twilio_requests_go_to_the_configured_base_url_with_the_same_path()
    {
        var seen = new List<Uri>();
        using var handler = new TwilioHost(new Uri("http://127.0.0.1:5000/twilio/")) { InnerHandler = new Recorder(seen) };
        using var http = new HttpClient(handler);
        await http.PostAsync("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json?x=1", null);
        Assert.Equal("http://127.0.0.1:5000/twilio/2010-04-01/Accounts/AC1/Messages.json?x=1", seen.Single().ToString());

        using var direct = new HttpClient(new TwilioHost(new Uri(SmsOptions.TwilioApi)) { InnerHandler = new Recorder(seen) });
        await direct.PostAsync("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", null);
        Assert.Equal("https://api.twilio.com/2010-04-01/Accounts/AC1/Messages.json", seen.Last().ToString());
    }

    private sealed class Recorder(List<Uri> seen) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            seen.Add(request.RequestUri!);
            return Task.FromResult(new HttpResponseMessage(System.Net.HttpStatusCode.NoContent));
        }
    }
}
