import { describe, expect, it } from 'vitest';
import { matchKeyProblem, templateProblems } from '../../src/config/attribution-schema.js';

describe('matchKeyProblem', () => {
  it.each(['source', 'workspace_id', 'inference_profile', 'deployment', 'tag.team', 'label.cost-center'])(
    'accepts %s',
    (key) => {
      expect(matchKeyProblem(key)).toBeUndefined();
    },
  );

  it.each([
    ['workspce_id', 'unknown key "workspce_id" (did you mean "workspace_id"?)'],
    ['tags.team', 'unknown key "tags.team" (did you mean "tag.team"?)'],
    ['lable.env', 'unknown key "lable.env" (did you mean "label.env"?)'],
    ['tag.', 'key "tag." needs a tag name after the dot (tag.team)'],
    [
      'colour',
      'unknown key "colour" (expected one of source, account_id, workspace_id, project_id, api_key_id, user_id, model, region, service_tier, inference_profile, deployment, tag.<key>, label.<key>)',
    ],
  ])('rejects %s', (key, problem) => {
    expect(matchKeyProblem(key)).toBe(problem);
  });
});

describe('templateProblems', () => {
  it.each(['search', '{tag.team}', 'team-{label.env}', '{source}-{project_id}'])('accepts %j', (template) => {
    expect(templateProblems(template)).toEqual([]);
  });

  it.each([
    [
      '{team}',
      ['placeholder "{team}" is not a match key (expected {source}, {project_id}, {tag.<key>}, ...)'],
    ],
    ['{}', ['placeholder "{}" is not a match key (expected {source}, {project_id}, {tag.<key>}, ...)']],
    ['{tag.team', ['unbalanced "{" or "}" in "{tag.team"']],
    ['tag.team}', ['unbalanced "{" or "}" in "tag.team}"']],
  ])('rejects %j', (template, problems) => {
    expect(templateProblems(template)).toEqual(problems);
  });
});
