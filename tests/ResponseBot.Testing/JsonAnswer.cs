using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ResponseBot.Testing;

/// <summary>A fake platform's JSON answer with the headers the real one sends alongside (rate-limit windows, usage).</summary>
public sealed class JsonAnswer(int status, JsonObject body, params (string Name, string Value)[] headers) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        foreach (var (name, value) in headers) http.Response.Headers[name] = value;
        return Results.Json(body, statusCode: status).ExecuteAsync(http);
    }
}
