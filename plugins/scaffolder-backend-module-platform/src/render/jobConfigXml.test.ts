import { renderJobConfigXml } from './jobConfigXml';

describe('renderJobConfigXml', () => {
  it('escapes XML in every text it writes', () => {
    const xml = renderJobConfigXml({
      entityRef: 'component:default/x',
      owner: 'group:default/team-a',
      githubPushTrigger: true,
      definition: {
        type: 'inline',
        script: "echo '</script><sandbox>false</sandbox>' && a < b & c",
      },
    });
    expect(xml).toContain(
      '&lt;/script&gt;&lt;sandbox&gt;false&lt;/sandbox&gt;',
    );
    expect(xml).toContain('a &lt; b &amp; c');
    expect(xml.match(/<sandbox>/g)).toHaveLength(1);
    expect(xml).toContain('<sandbox>true</sandbox>');
    expect(xml).toContain('com.cloudbees.jenkins.GitHubPushTrigger');
  });
});
