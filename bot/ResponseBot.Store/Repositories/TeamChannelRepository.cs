using NodaTime;
using ResponseBot.Application.Ports;
using ResponseBot.Domain.Chat;

namespace ResponseBot.Store.Repositories;

internal sealed class TeamChannelRepository(Session s) : ITeamChannelRepository
{
    public Task SaveAsync(TeamChannel c, bool installed, Instant now, CancellationToken ct) =>
        s.ExecuteAsync("""
            insert into team_channels (conversation_id, team_id, channel_name, tenant_id, service_url, bot_id, installed, updated_at)
            values (@ConversationId, @TeamId, @Name, @TenantId, @ServiceUrl, @BotId, @installed, @now)
            on conflict (conversation_id) do update
               set team_id = coalesce(excluded.team_id, team_channels.team_id),
                   channel_name = coalesce(excluded.channel_name, team_channels.channel_name),
                   tenant_id = excluded.tenant_id, service_url = excluded.service_url, bot_id = excluded.bot_id,
                   installed = excluded.installed, updated_at = excluded.updated_at
            """, new { c.ConversationId, c.TeamId, c.Name, c.TenantId, c.ServiceUrl, c.BotId, installed, now }, ct);

    public Task<TeamChannel?> FindAsync(string? conversationId, CancellationToken ct) =>
        s.FirstOrDefaultAsync<TeamChannel>("""
            select conversation_id as ConversationId, team_id as TeamId, channel_name as Name, tenant_id as TenantId,
                   service_url as ServiceUrl, bot_id as BotId
              from team_channels
             where installed and (@conversationId::text is null or conversation_id = @conversationId)
             order by updated_at desc
             limit 1
            """, new { conversationId }, ct);
}
