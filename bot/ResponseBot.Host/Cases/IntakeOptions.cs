using System.ComponentModel.DataAnnotations;

namespace ResponseBot.Host.Cases;

/// <summary>Intake:* — how many webhook mentions may wait to be stored before more are turned away.</summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    /// <summary>Mentions waiting for a writer, at most. Beyond it a sender is answered 503 with Retry-After at once and sends
    /// again later, rather than every waiting request (and its memory) piling up while the database falls behind.</summary>
    [Range(1, 1_000_000)]
    public int MaxQueued { get; set; } = 10_000;
}
