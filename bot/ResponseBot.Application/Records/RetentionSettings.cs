using NodaTime;

namespace ResponseBot.Application.Records;

/// <summary>How long the public's personal data is kept, per kind, and how much one run redacts at most.</summary>
public sealed record RetentionSettings(Duration Author, Duration Content, int BatchSize, int MaxBatchesPerRun);
