// Generic CSV import (docs/data-import.md).
export default async function ({ check }) {
  const users = 'ユーザーID,氏名,ロール\nOA-U1,API 太郎,manager\nOA-U2,API 花子,bdr\n';
  await check('POST', '/api/imports?type=users&dry_run=true', users, 200);
  await check('POST', '/api/imports?type=users', users, 200);
  await check('POST', '/api/imports?type=users&dry_run=false&encoding=utf-8&actor_id=1', users, 200);
  await check('POST', '/api/imports?type=users', 'id,name,role\nOA-U3,x,nope\nOA-U4,,bdr\n', 422);
  await check('POST', '/api/imports?type=sheep', users, 400);
  await check('POST', '/api/imports?type=users&colour=red', users, 400);
  await check('POST', '/api/imports?type=deals', 'a,b\n1,2\n', 400);
  await check('POST', '/api/imports?type=users', 'id,name\n"broken\n', 400);
  await check('POST', '/api/imports?type=users', 'id,name\n' + 'x'.repeat(1100000) + ',y\n', 413);
}
