import type { SessionsClient } from '@rtk-sessions/client';

/** Where to read: the app, and how many sessions and participants to show. */
export interface ReportScope {
  appId: string;
  sessions: number;
  participantsPerPage: number;
}

type Print = (line?: string) => void;

const minutes = (value: number | undefined) => (value === undefined ? '-' : `${value.toFixed(1)} min`);
const when = (value: string | null | undefined) =>
  value ? value.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '-';
const num = (value: number | undefined, unit = '') =>
  value === undefined ? '-' : `${Math.round(value * 100) / 100}${unit}`;

/**
 * The session analytics report: recent sessions, who joined and for how long (paged), one participant's call
 * quality, that participant's peer report, and the chat / transcript / summary download links.
 */
export async function printReport(
  client: SessionsClient,
  scope: ReportScope,
  print: Print = console.log,
): Promise<void> {
  const { appId } = scope;
  const listed = await client.getSessions(appId, {
    per_page: scope.sessions,
    sort_by: 'createdAt',
    sort_order: 'DESC',
  });
  const sessions = listed.data?.sessions ?? [];
  print(`Sessions of app ${appId} (latest ${sessions.length})`);
  for (const s of sessions) {
    print(
      `  ${s.id}  ${s.status.padEnd(5)} ${s.type.padEnd(11)} ${s.meeting_display_name}  ` +
        `started ${when(s.started_at)}  ${minutes(s.minutes_consumed)}  peak ${s.max_concurrent_participants} people`,
    );
  }
  const session = sessions[0];
  if (!session) {
    print('No sessions yet: nothing more to report.');
    return;
  }

  print();
  print(`Participants of session ${session.id} (paged, ${scope.participantsPerPage} per page)`);
  let firstParticipant: string | undefined;
  let count = 0;
  for await (const p of client.iterateSessionParticipants(appId, session.id, {
    per_page: scope.participantsPerPage,
    sort_by: 'joinedAt',
    sort_order: 'ASC',
  })) {
    count++;
    firstParticipant ??= p.id;
    print(
      `  ${(p.display_name ?? '?').padEnd(16)} joined ${when(p.joined_at)}  left ${when(p.left_at)}  ${minutes(p.duration)}  (${p.preset_name ?? '-'})`,
    );
  }
  print(`  ${count} participant(s)`);
  if (!firstParticipant) return;

  print();
  const details = await client.getSessionParticipantDetails(appId, session.id, firstParticipant, {
    filters: ['device_info', 'precall_network_information', 'quality_stats'],
  });
  const participant = details.data?.participant;
  const device = participant?.peer_stats?.device_info;
  const precall = participant?.peer_stats?.precall_network_information;
  print(`Call quality of ${participant?.display_name ?? firstParticipant}`);
  print(
    `  device: ${device?.browser ?? '-'} ${device?.browser_version ?? ''} on ${device?.os ?? '-'} ${device?.os_version ?? ''}`,
  );
  print(
    `  pre-call network: rtt ${num(precall?.rtt, ' ms')}, jitter ${num(precall?.jitter, ' ms')}, throughput ${num(precall?.throughtput, ' kbps')}`,
  );
  for (const q of participant?.quality_stats ?? []) {
    print(
      `  ${when(q.start)} -> ${when(q.end)}: quality ${num(q.average_quality)}, audio loss ${num(q.audio_packet_loss, '%')}, ` +
        `video loss ${num(q.video_packet_loss, '%')}, ${q.audio_stats?.length ?? 0} audio / ${q.video_stats?.length ?? 0} video samples`,
    );
  }

  print();
  const peer = await client.getParticipantDataFromPeerId(appId, firstParticipant, {
    filters: ['quality_stats'],
  });
  const report = peer.data?.participant;
  const stats = report?.quality_stats;
  const mos = report?.peer_report?.quality?.audio_producer_cumulative?.quality_mos;
  print(`Peer report of ${firstParticipant}`);
  print(
    `  role ${report?.role ?? '-'}, ${report?.peer_report?.metadata?.sdk_name ?? '-'} ${report?.peer_report?.metadata?.sdk_version ?? ''}`,
  );
  print(
    `  average quality ${num(stats?.average_quality)}, audio MOS avg ${num(mos?.avg)} (p90 ${num(mos?.p90)})`,
  );
  print(
    `  audio packets ${stats?.total_audio_packets ?? '-'} (lost ${stats?.total_audio_packets_lost ?? '-'}), video packets ${stats?.total_video_packets ?? '-'} (lost ${stats?.total_video_packets_lost ?? '-'})`,
  );

  print();
  print(`Downloads of session ${session.id}`);
  const [chat, transcript, summary] = await Promise.all([
    client.getSessionChat(appId, session.id),
    client.getSessionTranscripts(appId, session.id),
    client.getSessionSummary(appId, session.id),
  ]);
  print(
    `  chat (CSV):       ${chat.data?.chat_download_url ?? '-'}  expires ${when(chat.data?.chat_download_url_expiry)}`,
  );
  print(
    `  transcript (CSV): ${transcript.data?.transcript_download_url ?? '-'}  expires ${when(transcript.data?.transcript_download_url_expiry)}`,
  );
  print(
    `  summary (text):   ${summary.data?.summaryDownloadUrl ?? '-'}  expires ${when(summary.data?.summaryDownloadUrlExpiry)}`,
  );
}
