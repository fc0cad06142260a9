using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>
/// An SMS gateway speaking Twilio's Messages API as documented: <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> with
/// form fields To, From and Body and HTTP Basic authentication (account SID and auth token), answered 201 with the Message
/// resource (https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource, its example response); errors
/// as Twilio's JSON exception body {code, message, more_info, status} (https://www.twilio.com/docs/usage/twilios-response).
/// Every accepted message is recorded; faults are scripted.
/// </summary>
public sealed class FakeSmsGateway : IAsyncDisposable
{
    public sealed record Sms(string AccountSid, string To, string From, string Body);

    public const string AccountSid = "ACaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    public const string AuthToken = "auth-token-of-the-council-account";
    public const string From = "+447700900999";

    private readonly WebApplication _app;
    private int _next;

    public Uri BaseUrl { get; private set; } = null!;
    public ConcurrentQueue<Sms> Sent { get; } = new();
    /// <summary>Every request that reached the gateway, faulted or not.</summary>
    public int Requests => _requests;
    private int _requests;

    /// <summary>Return a result to answer a (well-formed, authenticated) request with it instead of sending.</summary>
    public Func<Sms, IResult?>? Fault { get; set; }

    private FakeSmsGateway(WebApplication app) => _app = app;

    public static async Task<FakeSmsGateway> StartAsync()
    {
        FakeSmsGateway fake = null!;
        var (_, baseUrl) = await LoopbackServer.StartAsync(app =>
        {
            fake = new FakeSmsGateway(app);
            app.MapPost("/2010-04-01/Accounts/{sid}/Messages.json", async (string sid, HttpContext http) =>
            {
                Interlocked.Increment(ref fake._requests);
                if (!Authorised(http, sid)) return Error(401, 20003, "Authenticate");
                var form = await http.Request.ReadFormAsync();
                var (to, from, body) = (form["To"].ToString(), form["From"].ToString(), form["Body"].ToString());
                if (to == "") return Error(400, 21604, "A 'To' phone number is required.");
                if (from == "") return Error(400, 21603, "A 'From' phone number is required.");
                if (body == "") return Error(400, 21602, "Message body is required.");
                var sms = new Sms(sid, to, from, body);
                if (fake.Fault?.Invoke(sms) is { } fault) return fault;
                fake.Sent.Enqueue(sms);
                return Results.Json(Message(sid, sms, $"SM{Interlocked.Increment(ref fake._next):x32}"), statusCode: 201);
            });
        });
        fake.BaseUrl = baseUrl;
        return fake;
    }

    private static bool Authorised(HttpContext http, string sid)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.Ordinal)) return false;
        var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..]));
        return sid == AccountSid && pair == $"{AccountSid}:{AuthToken}";
    }

    public static IResult Error(int status, int code, string message) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message, ["more_info"] = $"https://www.twilio.com/docs/errors/{code}", ["status"] = status },
            statusCode: status);

    // The shape of the documented example response, with this message's values.
    private static JsonObject Message(string sid, Sms sms, string messageSid) => new()
    {
        ["account_sid"] = sid, ["api_version"] = "2010-04-01", ["body"] = sms.Body,
        ["date_created"] = "Thu, 24 Aug 2023 05:01:45 +0000", ["date_sent"] = null, ["date_updated"] = "Thu, 24 Aug 2023 05:01:45 +0000",
        ["direction"] = "outbound-api", ["error_code"] = null, ["error_message"] = null, ["from"] = sms.From,
        ["messaging_service_sid"] = null, ["num_media"] = "0", ["num_segments"] = "1", ["price"] = null, ["price_unit"] = null,
        ["sid"] = messageSid, ["status"] = "queued",
        ["subresource_uris"] = new JsonObject { ["media"] = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}/Media.json" },
        ["to"] = sms.To, ["uri"] = $"/2010-04-01/Accounts/{sid}/Messages/{messageSid}.json",
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
