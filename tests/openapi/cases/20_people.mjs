// Departments, officials with posting history, and the 人事異動 rotation import.
export default async function ({ check, call, failures, state }) {
  const code = '131016';
  const bureau = await check('POST', '/api/departments', { government_code: code, name: 'OpenAPI検査部', policy_domains: ['DX'] }, 201);
  await check('POST', '/api/departments', { government_code: code, name: 'x', colour: 'red' }, 400);
  await check('POST', '/api/departments', { government_code: code, name: 'OpenAPI検査部' }, 409);
  if (!bureau || !bureau.json) {
    failures.push('could not create a department');
    return;
  }
  const bid = bureau.json.id;
  const division = await check('POST', '/api/departments', { government_code: code, parent_id: bid, name: '検査課' }, 201);
  const did = division && division.json ? division.json.id : 0;
  await check('GET', `/api/governments/${code}/departments`, undefined, 200);
  await check('GET', `/api/governments/${code}/departments?view=tree`, undefined, 200);
  await check('GET', `/api/governments/${code}/departments?view=graph`, undefined, 400);
  await check('GET', '/api/governments/131997/departments', undefined, 404);
  await check('GET', `/api/departments/${bid}`, undefined, 200);
  await check('GET', '/api/departments/abc', undefined, 400);
  await check('GET', '/api/departments/999999999', undefined, 404);
  await check('PATCH', `/api/departments/${did}`, { phone: '03-0000-0000' }, 200);
  await check('PATCH', `/api/departments/${did}`, { name: 7 }, 400);
  await check('PATCH', '/api/departments/999999999', { name: 'x' }, 404);
  const sibling = await call('POST', '/api/departments', { government_code: code, parent_id: bid, name: '別課' });
  if (sibling.json && sibling.json.id) {
    await check('PATCH', `/api/departments/${sibling.json.id}`, { name: '検査課' }, 409);
    await check('DELETE', `/api/departments/${sibling.json.id}`, undefined, 200);
  }
  await check('DELETE', `/api/departments/${bid}`, undefined, 409);
  await check('DELETE', '/api/departments/abc', undefined, 400);
  await check('DELETE', '/api/departments/999999999', undefined, 404);

  await check('GET', '/api/officials?limit=3', undefined, 200);
  await check('GET', `/api/officials?government=${code}&sort=name&fields=id,name,title&limit=2`, undefined, 200);
  await check('GET', '/api/officials?sort=age', undefined, 400);
  const person = { government_code: code, name: '検査 太郎', kana: 'けんさ たろう', department_id: did, title: '課長',
    decision_role: 'approver', posted_from: '2025-04-01' };
  const created = await check('POST', '/api/officials', person, 201);
  await check('POST', '/api/officials', person, 409);
  await check('POST', '/api/officials', { government_code: code, name: 'x', age: 3 }, 400);
  if (created && created.json) {
    const id = created.json.id;
    state.people = { official: id, department: did };
    await check('GET', `/api/officials/${id}`, undefined, 200);
    await check('PATCH', `/api/officials/${id}`, { title: '部長', do_not_contact: true }, 200);
    await check('PATCH', `/api/officials/${id}`, { email: 'nope' }, 400);
    const twin = await call('POST', '/api/officials', { government_code: code, name: '検査 次郎' });
    if (twin.json && twin.json.id) {
      await check('PATCH', `/api/officials/${twin.json.id}`, { name: '検査 太郎', kana: 'けんさ たろう' }, 409);
    }
  }
  await check('GET', '/api/officials/abc', undefined, 400);
  await check('GET', '/api/officials/999999999', undefined, 404);
  await check('PATCH', '/api/officials/999999999', { title: 'x' }, 404);

  const csv = '氏名,かな,団体コード,新所属,新職名,発令日\n検査 太郎,けんさ たろう,131016,OpenAPI検査部 検査課,部長,2027-04-01\n';
  await check('POST', '/api/imports/rotations?dry_run=true', csv, 200);
  await check('POST', '/api/imports/rotations', csv + '検査 花子,,131016,検査課,,someday\n', 400);
  await check('POST', '/api/imports/rotations', csv, 200);
  await check('POST', '/api/imports/rotations', 'x'.repeat(1100000), 413);
}
