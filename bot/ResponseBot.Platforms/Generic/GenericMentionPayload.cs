using System.Globalization;
using System.Text.Json;
using ResponseBot.Domain.Cases;

namespace ResponseBot.Platforms.Generic;

/// <summary>The documented JSON body of POST /api/webhooks/generic, read strictly.</summary>
public static class GenericMentionPayload
{
    private const int MaxIdLength = 256;
    private const int MaxNameLength = 256;
    private const int MaxUrlLength = 2048;

    /// <summary>Reads only the account id, so the right secret can be chosen before anything else is trusted.</summary>
    public static string? ReadAccount(JsonElement root, out string? error)
    {
        error = null;
        if (root.ValueKind != JsonValueKind.Object) { error = "body must be a JSON object"; return null; }
        var account = Str(root, "account");
        if (string.IsNullOrWhiteSpace(account)) error = "field 'account' is required";
        return account is null || Unreadable(account) ? null : account;
    }

    public static Mention? Read(JsonElement root, string accountId, out string? error)
    {
        string? id = null, handle = null, name = null, text = null, url = null, authorUrl = null, createdRaw = null, inReplyTo = null;
        var hasAuthor = root.TryGetProperty("author", out var author) && author.ValueKind == JsonValueKind.Object;
        error = Require(root, "id", MaxIdLength, out id)
            ?? (hasAuthor ? null : "field 'author' must be an object")
            ?? Require(author, "handle", MaxNameLength, out handle, "author.")
            ?? Require(author, "name", MaxNameLength, out name, "author.")
            ?? Require(root, "text", int.MaxValue, out text)
            ?? RequireUrl(root, "url", required: true, out url)
            ?? RequireUrl(author, "url", required: false, out authorUrl, "author.")
            ?? Require(root, "createdAt", 64, out createdRaw)
            ?? Optional(root, "inReplyTo", MaxIdLength, out inReplyTo);
        error ??= Invalid(root, "id") ?? Invalid(root, "inReplyTo") ?? Invalid(root, "url") ?? Invalid(author, "url", "author.")
            ?? Invalid(root, "text") ?? Invalid(author, "handle", "author.") ?? Invalid(author, "name", "author.");
        if (error is not null) return null;
        if (!DateTimeOffset.TryParse(createdRaw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var createdAt))
        {
            error = "field 'createdAt' must be an ISO-8601 date-time";
            return null;
        }
        // NUL carries no meaning in a post and PostgreSQL can't store it in text: dropped from what people wrote.
        return new Mention(accountId, id!, new Author(NoNul(handle!), NoNul(name!), authorUrl), NoNul(text!), url, NodaTime.Instant.FromDateTimeOffset(createdAt), inReplyTo);
    }

    private static string? Require(JsonElement obj, string field, int maxLength, out string? value, string prefix = "")
    {
        value = Str(obj, field);
        if (string.IsNullOrWhiteSpace(value)) return $"field '{prefix}{field}' is required and must be a non-empty string";
        return value.Length > maxLength ? $"field '{prefix}{field}' is longer than {maxLength} characters" : null;
    }

    private static string? Optional(JsonElement obj, string field, int maxLength, out string? value)
    {
        value = null;
        if (!obj.TryGetProperty(field, out var el) || el.ValueKind == JsonValueKind.Null) return null;
        if (el.ValueKind != JsonValueKind.String) return $"field '{field}' must be a string";
        value = el.GetString();
        return value!.Length > maxLength ? $"field '{field}' is longer than {maxLength} characters" : null;
    }

    private static string? RequireUrl(JsonElement obj, string field, bool required, out string? value, string prefix = "")
    {
        value = Str(obj, field);
        if (string.IsNullOrWhiteSpace(value))
            return required ? $"field '{prefix}{field}' is required" : null;
        if (value.Length > MaxUrlLength || !Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != "https" && uri.Scheme != "http"))
            return $"field '{prefix}{field}' must be an absolute http(s) URL";
        return null;
    }

    // A string JSON can carry but .NET can't read (a lone surrogate: a post cut mid-emoji) reads as the marker below, so it
    // is refused with the field's name instead of failing deep inside.
    private const string Broken = "\uFFFF\u0000broken";

    private static string? Str(JsonElement obj, string field)
    {
        if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(field, out var el) || el.ValueKind != JsonValueKind.String) return null;
        try
        {
            return el.GetString();
        }
        catch (InvalidOperationException)
        {
            return Broken;
        }
    }

    private static bool Unreadable(string value) => value == Broken;

    // Ids and links must be exact, so any NUL or unreadable character refuses them; free text only refuses the unreadable.
    private static string? Invalid(JsonElement obj, string field, string prefix = "")
    {
        var value = Str(obj, field);
        if (value is null) return null;
        if (Unreadable(value)) return $"field '{prefix}{field}' is not valid Unicode text (an unpaired surrogate)";
        return field is not ("text" or "handle" or "name") && value.Contains('\0') ? $"field '{prefix}{field}' contains a NUL character" : null;
    }

    private static string NoNul(string value) => value.Replace("\0", "", StringComparison.Ordinal);
}
