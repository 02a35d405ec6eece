// The `inputs` of a product-workflow trigger for the simulator's legacy-deploy:
// build svc-a from main and deploy it to dev.
export const PRODUCT_INPUT = JSON.stringify({
  target_env: 'dev',
  build: {
    enabled: true,
    service_list: [
      {
        service_module: 'svc-a',
        service_name: 'svc-a',
        repo_info: [
          {
            codehost_name: 'gitlab-main',
            repo_namespace: 'demo-group',
            repo_name: 'svc-a',
            branch: 'main'
          }
        ]
      }
    ]
  },
  deploy: { enabled: true, source: 'zadig' }
})
